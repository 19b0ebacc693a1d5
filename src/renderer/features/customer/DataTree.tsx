import { Box, Text } from '@chakra-ui/react';
import { EVO_ASSUMPTIONS } from '../../../shared/evo/assumptions';
import { ValueSchema } from '../../../shared/evo/schemas';

/* Two collapsible trees built on <details>/<summary>: native keyboard support
 * (Enter/Space toggles), announced as expandable by screen readers, no script needed.
 * Every key and value is React text, so hostile content stays inert.
 * Both read their input level by level as it is shown (nothing is validated up front), and stop
 * at EVO_ASSUMPTIONS.dataDisplayDepth: anything deeper shows as "…" (the data itself is kept as sent). */

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const MAX_DEPTH = EVO_ASSUMPTIONS.dataDisplayDepth;

type Content = { leaf: string } | { struct: Record<string, unknown> } | { list: unknown[] };

/** One Evo `Value` (a tagged union). Its kind is the scalar member that is set; only when none
 * is, a struct or a list. Every Value carries `listValue: []` (the C# constructor makes it), so an
 * empty list next to a scalar says nothing. A value of another shape is shown as raw JSON. */
function valueContent(raw: unknown): Content {
  const read = ValueSchema.safeParse(raw);
  if (!read.success) return { leaf: rawText(raw) };
  const value = read.data;
  if (typeof value.stringValue === 'string') return { leaf: JSON.stringify(value.stringValue) };
  if (typeof value.numberValue === 'number') return { leaf: String(value.numberValue) };
  if (typeof value.boolValue === 'boolean') return { leaf: String(value.boolValue) };
  if (value.structValue) return { struct: value.structValue };
  if (value.listValue && value.listValue.length > 0) return { list: value.listValue };
  return { leaf: value.listValue ? '[]' : 'null' };
}

function rawText(raw: unknown): string {
  try {
    return JSON.stringify(raw) ?? String(raw);
  } catch {
    return '(unreadable)'; // nested too deeply to print
  }
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

/** Where the tree stops: the rest is kept, not shown. */
function TooDeep({ label }: { label: string }) {
  return (
    <Box as="li" listStyleType="none" fontFamily="mono" fontSize="sm" data-testid="tree-too-deep" title={`Nested more than ${MAX_DEPTH} levels deep; not shown here.`}>
      <Text as="span" fontWeight="semibold">
        {label}
      </Text>
      : <Text as="span">…</Text>
    </Box>
  );
}

function StructNodes({ struct, depth }: { struct: Record<string, unknown>; depth: number }) {
  return (
    <>
      {Object.entries(struct).map(([key, raw]) => {
        const content = valueContent(raw);
        if ('leaf' in content) return <Leaf key={key} label={key} text={content.leaf} />;
        if (depth >= MAX_DEPTH) return <TooDeep key={key} label={key} />;
        if ('struct' in content)
          return (
            <Branch key={key} label={key} summary={`{${Object.keys(content.struct).length}}`} depth={depth}>
              <StructNodes struct={content.struct} depth={depth + 1} />
            </Branch>
          );
        return (
          <Branch key={key} label={key} summary={`[${content.list.length}]`} depth={depth}>
            {content.list.map((item, i) =>
              isRecord(item) ? (
                <Branch key={i} label={`[${i}]`} summary={`{${Object.keys(item).length}}`} depth={depth + 1}>
                  <StructNodes struct={item} depth={depth + 2} />
                </Branch>
              ) : (
                <Leaf key={i} label={`[${i}]`} text={rawText(item)} />
              ),
            )}
          </Branch>
        );
      })}
    </>
  );
}

/** A customer's `data` Struct (keys → Evo Values). */
export function StructTree({ struct, emptyText = 'No data.' }: { struct: unknown; emptyText?: string }) {
  if (!isRecord(struct) || Object.keys(struct).length === 0) return <Text color="fg.muted">{emptyText}</Text>;
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
          depth >= MAX_DEPTH ? (
            <TooDeep key={key} label={key} />
          ) : (
            <Branch key={key} label={key} summary={Array.isArray(v) ? `[${v.length}]` : `{${Object.keys(v).length}}`} depth={depth}>
              <JsonNodes value={v} depth={depth + 1} />
            </Branch>
          )
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
