import { Breadcrumb } from '@chakra-ui/react';
import { Fragment, memo } from 'react';

export interface Crumb {
  id: string;
  name?: string;
}

export interface BreadcrumbBarProps {
  /** Ancestors root first, then the current customer (absent at the root level). */
  path: Crumb[];
  onNavigate: (customerId: string | null) => void;
}

/** Where the user is: "All customers / A / B / C". Every crumb except the last navigates. */
export const BreadcrumbBar = memo(function BreadcrumbBar({ path, onNavigate }: BreadcrumbBarProps) {
  const last = path.length - 1;
  return (
    <Breadcrumb.Root data-testid="breadcrumb-bar" size="md">
      <Breadcrumb.List flexWrap="wrap">
        <Breadcrumb.Item>
          {path.length === 0 ? (
            <Breadcrumb.CurrentLink>All customers</Breadcrumb.CurrentLink>
          ) : (
            <Breadcrumb.Link asChild>
              <button type="button" onClick={() => onNavigate(null)}>
                All customers
              </button>
            </Breadcrumb.Link>
          )}
        </Breadcrumb.Item>
        {path.map((crumb, i) => (
          // A fragment, not a wrapper: the list may hold only its items.
          <Fragment key={crumb.id}>
            <Breadcrumb.Separator />
            <Breadcrumb.Item>
              {i === last ? (
                <Breadcrumb.CurrentLink>{crumb.name ?? crumb.id}</Breadcrumb.CurrentLink>
              ) : (
                <Breadcrumb.Link asChild>
                  <button type="button" onClick={() => onNavigate(crumb.id)}>
                    {crumb.name ?? crumb.id}
                  </button>
                </Breadcrumb.Link>
              )}
            </Breadcrumb.Item>
          </Fragment>
        ))}
      </Breadcrumb.List>
    </Breadcrumb.Root>
  );
});
