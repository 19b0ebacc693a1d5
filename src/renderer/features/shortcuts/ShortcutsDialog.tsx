import { Box, Button, Dialog, Heading, HStack, Kbd, Portal, Table, Text } from '@chakra-ui/react';
import { useConsoleStore } from '../../app/console-store';
import { useGlobalKey } from '../../app/use-global-key';
import { isShortcutsKey, SHORTCUTS } from './shortcuts';

/** The keyboard cheat sheet: "?" anywhere in the console (outside text fields). */
export function ShortcutsDialog() {
  const open = useConsoleStore((s) => s.shortcutsOpen);
  const setOpen = useConsoleStore((s) => s.setShortcutsOpen);
  useGlobalKey(isShortcutsKey, () => setOpen(true));
  return (
    <Dialog.Root open={open} onOpenChange={(d) => setOpen(d.open)} size="lg" scrollBehavior="inside" lazyMount unmountOnExit>
      <Portal>
        <Dialog.Backdrop />
        <Dialog.Positioner>
          <Dialog.Content data-testid="shortcuts-dialog">
            <Dialog.Header>
              <Dialog.Title>Keyboard shortcuts</Dialog.Title>
            </Dialog.Header>
            {/* Focusable: it scrolls when the window is short. */}
            <Dialog.Body tabIndex={0} aria-label="Keyboard shortcuts">
              {SHORTCUTS.map((group) => (
                <Box key={group.where} mb="3">
                  <Heading as="h3" size="sm" mb="1">
                    {group.where}
                  </Heading>
                  <Table.Root size="sm">
                    <Table.Body>
                      {group.items.map((s) => (
                        <Table.Row key={`${s.keys.join()} ${s.also ?? ''}`}>
                          <Table.Cell width="50%">
                            <HStack gap="1" wrap="wrap">
                              {s.keys.map((key) => (
                                <Kbd key={key} size="sm">
                                  {key}
                                </Kbd>
                              ))}
                              {s.also ? (
                                <Text as="span" fontSize="xs" color="fg.muted">
                                  {s.also}
                                </Text>
                              ) : null}
                            </HStack>
                          </Table.Cell>
                          <Table.Cell>{s.does}</Table.Cell>
                        </Table.Row>
                      ))}
                    </Table.Body>
                  </Table.Root>
                </Box>
              ))}
            </Dialog.Body>
            <Dialog.Footer>
              <Dialog.ActionTrigger asChild>
                <Button variant="outline">Close</Button>
              </Dialog.ActionTrigger>
            </Dialog.Footer>
          </Dialog.Content>
        </Dialog.Positioner>
      </Portal>
    </Dialog.Root>
  );
}
