import { describe, expect, it } from 'vitest';
import { describeSubject, subjectOfRequest } from '../../../src/shared/bulk/subject';

const names: Record<string, string> = { r: 'Acme Partners', a: 'Alpha', b: 'Beta' };
const nameOf = (id: string) => names[id];

describe('what a plan or run is about', () => {
  it('a subtree alone names its root and counts its descendants; a tag filter and left-out customers are said', () => {
    expect(describeSubject(subjectOfRequest({ subtreeRootIds: ['r'], target: 'staging' }, { total: 10 }, nameOf))).toBe('Acme Partners and its 9 descendants');
    expect(describeSubject(subjectOfRequest({ subtreeRootIds: ['r'], tagIds: ['t1', 't2'], target: 'staging' }, { total: 4, excluded: 1 }, nameOf))).toBe(
      'Acme Partners and its 4 descendants (2 tags required, 1 left out)',
    );
  });

  it('a subtree and customers picked together read as customers, roots first, not as the subtree', () => {
    expect(describeSubject(subjectOfRequest({ subtreeRootIds: ['r'], customerIds: ['a', 'b'], target: 'staging' }, { total: 12 }, nameOf))).toBe('12 customers: Acme Partners, Alpha, Beta…');
  });
});
