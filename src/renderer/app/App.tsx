/* The frame: the always-visible banner on top, then the signed-in console or sign-in. */
import { Box, Flex } from '@chakra-ui/react';

export function App() {
  return (
    <Flex direction="column" minH="100vh">
      <Box as="main" flex="1" p="6">
        Evo Voice Console
      </Box>
    </Flex>
  );
}
