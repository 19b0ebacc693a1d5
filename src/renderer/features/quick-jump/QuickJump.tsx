import { useEffect, useState } from 'react';
import { useEvoQuery } from '../../app/hooks';
import { formatAge } from '../../shared-ui';
import { useConsoleStore } from '../../app/console-store';
import { useGlobalKey } from '../../app/use-global-key';
import { useNavigate } from '../browser/use-navigation';
import { isQuickJumpKey } from '../browser/list-keys';
import { QuickJumpDialog } from './QuickJumpDialog';

/** Debounce typing so the server sees one search per pause, not one per key. */
function useDebounced(value: string, ms: number): string {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return debounced;
}

/** Ctrl/Cmd+K anywhere in the console: jump to any customer by name (server online, cache offline). */
export function QuickJump() {
  const open = useConsoleStore((s) => s.quickJumpOpen);
  const setOpen = useConsoleStore((s) => s.setQuickJumpOpen);
  const navigate = useNavigate();
  const [query, setQuery] = useState('');
  const text = useDebounced(query.trim(), 200);
  const results = useEvoQuery('customers:search', [{ text, limit: 50 }], { enabled: open && text.length > 0 });

  useGlobalKey(isQuickJumpKey, () => setOpen(true));

  const data = results.data;
  return (
    <QuickJumpDialog
      open={open}
      query={query}
      onQueryChange={setQuery}
      results={text ? (data?.items ?? []) : []}
      loading={results.isFetching}
      note={data?.source === 'cache' ? `Offline copy (${data.fetchedAt ? formatAge(data.fetchedAt) : 'age unknown'})` : undefined}
      errorMessage={results.error?.message}
      onPick={(c) => {
        setOpen(false);
        setQuery('');
        navigate(c.id);
      }}
      onClose={() => setOpen(false)}
    />
  );
}
