import { Box, Text } from '@chakra-ui/react';
import type { Schedule } from '../../../shared/evo/schemas';
import { setAsideSentence } from '../../../shared/evo/tolerant';
import { describeSchedule } from '../../../shared/schedule';
import { UnreadableItems } from '../../shared-ui';

/** The schedule's header (zone, default state, force-closed, inherit) and each rule in plain
 * language, in evaluation order (the first matching rule wins). */
export function RuleList({ schedule }: { schedule: Schedule }) {
  const { header, rules } = describeSchedule(schedule);
  return (
    <Box data-testid="rule-list">
      <Box as="ul" pl="0" listStyleType="none" mb="2">
        {header.map((line) => (
          <Text as="li" key={line} fontSize="sm">
            {line}
          </Text>
        ))}
      </Box>
      {rules.length === 0 ? (
        <Text fontSize="sm" color="fg.muted">
          No rules.
        </Text>
      ) : (
        <Box as="ol" pl="5" listStyleType="decimal" aria-label="Rules, first match wins">
          {rules.map((line, i) => (
            <Text as="li" key={i} fontSize="sm" data-testid="rule-line">
              {line}
            </Text>
          ))}
        </Box>
      )}
      <UnreadableItems text={setAsideSentence(schedule, 'rules', 'rule')} testId="rules-set-aside" />
    </Box>
  );
}
