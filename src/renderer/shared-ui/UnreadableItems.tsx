import { Text } from '@chakra-ui/react';

/** Says, where a list is shown, which of its items the server sent unreadable (set aside when the
 * answer was read, so not shown): the sentence comes from setAsideSentence. Nothing without one. */
export function UnreadableItems({ text, testId }: { text: string | undefined; testId: string }) {
  return text ? (
    <Text as="span" display="block" fontSize="sm" color="fg.warning" data-testid={testId}>
      {text}
    </Text>
  ) : null;
}
