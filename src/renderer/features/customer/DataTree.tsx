import { Box, Text } from '@chakra-ui/react';
import type { Struct, Value } from '../../../shared/evo/dtos';

/* Two collapsible trees built on <details>/<summary>: native keyboard support
 * (Enter/Space toggles), announced as expandable by screen readers, no script needed.
 * Every key and value is React text, so hostile content stays inert. */

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** One Evo `Value` (a tagged union) as something printable or nested. */
function valueContent(value: Value): { leaf: string } | { struct: Struct } | { list: Struct[] } {
  if (value.structValue) return { struct: value.structValue };
  if (value.listValue) return { list: value.listValue };
  if (value.stringValue !== undefined && value.stringValue !== null) return { leaf: JSON.stringify(value.stringValue) };
  if (value.numberValue !== undefined && value.numberValue !== null) return { leaf: String(value.numberValue) };
  if (value.boolValue !== undefined && value.boolValue !== null) return { leaf: String(value.boolValue) };
  return { leaf: 'null' };
}

function Branch({ label, summary, children, depth }: { label: string; summary: string; children: React.ReactNode; depth: number }) {
  return (
    <Box as="li" listStyleType="none">
      <details open={depth < 1}>
        <Box as="summary" cursor="pointer" fontFamily="mono" fontSize="sm" _focusVisible={{ outline: '2px solid', outlineColor: 'blue.500' }}>
          <Text as="span" fontWeight="semibold">
            {label}
          </Text>{' '}
          <Text as="span" color="fg.muted">
            {summary}
          </Text>
        </Box>
        <Box as="ul" pl="4">
          {children}
        </Box>
      </details>
    </Box>
  );
}

function Leaf({ label, text }: { label: string; text: string }) {
  return (
    <Box as="li" listStyleType="none" fontFamily="mono" fontSize="sm" data-testid="tree-leaf">
      <Text as="span" fontWeight="semibold">
        {label}
      </Text>
      : <Text as="span">{text}</Text>
    </Box>
  );
}

function StructNodes({ struct, depth }: { struct: Struct; depth: number }) {
  return (
    <>
      {Object.entries(struct).map(([key, value]) => {
        const content = valueContent(value);
        if ('leaf' in content) return <Leaf key={key} label={key} text={content.leaf} />;
        if ('struct' in content)
          return (
            <Branch key={key} label={key} summary={`{${Object.keys(content.struct).length}}`} depth={depth}>
              <StructNodes struct={content.struct} depth={depth + 1} />
            </Branch>
          );
        return (
          <Branch key={key} label={key} summary={`[${content.list.length}]`} depth={depth}>
            {content.list.map((item, i) => (
              <Branch key={i} label={`[${i}]`} summary={`{${Object.keys(item).length}}`} depth={depth + 1}>
                <StructNodes struct={item} depth={depth + 2} />
              </Branch>
            ))}
          </Branch>
        );
      })}
    </>
  );
}

/** A customer's `data` Struct (keys → Evo Values). */
export function StructTree({ struct, emptyText = 'No data.' }: { struct: Struct | undefined; emptyText?: string }) {
  if (!struct || Object.keys(struct).length === 0) return <Text color="fg.muted">{emptyText}</Text>;
  return (
    <Box as="ul" data-testid="struct-tree" pl="0">
      <StructNodes struct={struct} depth={0} />
    </Box>
  );
}

function JsonNodes({ value, depth }: { value: Record<string, unknown> | unknown[]; depth: number }) {
  const entries: [string, unknown][] = Array.isArray(value) ? value.map((v, i) => [`[${i}]`, v]) : Object.entries(value);
  return (
    <>
      {entries.map(([key, v]) =>
        isRecord(v) || Array.isArray(v) ? (
          <Branch key={key} label={key} summary={Array.isArray(v) ? `[${v.length}]` : `{${Object.keys(v).length}}`} depth={depth}>
            <JsonNodes value={v} depth={depth + 1} />
          </Branch>
        ) : (
          <Leaf key={key} label={key} text={v === undefined ? 'undefined' : JSON.stringify(v)} />
        ),
      )}
    </>
  );
}

/** Opaque JSON (integration data, unknown settings) as a collapsible tree. */
export function JsonTree({ value, emptyText = 'None.' }: { value: unknown; emptyText?: string }) {
  if (!(isRecord(value) || Array.isArray(value)) || Object.keys(value).length === 0) return <Text color="fg.muted">{emptyText}</Text>;
  return (
    <Box as="ul" data-testid="json-tree" pl="0">
      <JsonNodes value={value} depth={0} />
    </Box>
  );
}
