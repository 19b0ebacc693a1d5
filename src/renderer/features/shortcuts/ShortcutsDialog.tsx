import { Box, Button, Dialog, Heading, Kbd, Portal, Table } from '@chakra-ui/react';
import { useEffect } from 'react';
import { useConsoleStore } from '../../app/console-store';
import { isShortcutsKey, SHORTCUTS } from './shortcuts';

/** The keyboard cheat sheet: "?" anywhere in the console (outside text fields). */
export function ShortcutsDialog() {
  const open = useConsoleStore((s) => s.shortcutsOpen);
  const setOpen = useConsoleStore((s) => s.setShortcutsOpen);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (isShortcutsKey(e)) {
        e.preventDefault();
        setOpen(true);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [setOpen]);
  return (
    <Dialog.Root open={open} onOpenChange={(d) => setOpen(d.open)} size="lg" lazyMount unmountOnExit>
      <Portal>
        <Dialog.Backdrop />
        <Dialog.Positioner>
          <Dialog.Content data-testid="shortcuts-dialog">
            <Dialog.Header>
              <Dialog.Title>Keyboard shortcuts</Dialog.Title>
            </Dialog.Header>
            <Dialog.Body>
              {SHORTCUTS.map((group) => (
                <Box key={group.where} mb="4">
                  <Heading as="h3" size="sm" mb="1">
                    {group.where}
                  </Heading>
                  <Table.Root size="sm">
                    <Table.Body>
                      {group.items.map((s) => (
                        <Table.Row key={s.keys}>
                          <Table.Cell width="45%">
                            <Kbd size="sm">{s.keys}</Kbd>
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
