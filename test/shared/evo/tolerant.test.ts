/* Reading answers item by item (pure): what is set aside, how it is named, what is kept. */
import { describe, expect, it } from 'vitest';
import { CustomerInfoSchema, CustomerListSchema, undeclaredMembers, UserInfoSchema } from '../../../src/shared/evo/schemas';
import { parseTolerant, rawItemIds, setAsideItems, setAsideNotes, setAsideSentence } from '../../../src/shared/evo/tolerant';

describe('parseTolerant', () => {
  it('sets aside the smallest unit: a bad customer leaves its page, a bad tag leaves its customer', () => {
    const raw = {
      items: [
        { id: 'a', tags: [{ id: 't1' }, { name: 'no id' }, { id: 't3', color: 'Pink' }] },
        { id: 'b', isStaging: 'yes' },
        'not a customer',
        { id: 'd' },
      ],
      totalCount: 4,
    };
    const ids = rawItemIds(raw);
    const read = parseTolerant(CustomerListSchema, raw);
    if (!read.success) throw new Error('expected a read');
    expect(read.data.items.map((c) => c.id)).toEqual(['a', 'd']);
    expect(read.data.items[0]?.tags).toEqual([{ id: 't1' }, { id: 't3', color: 'Pink' }]);
    expect(setAsideNotes(read.data.items[0])).toEqual([{ field: 'tags[1].id', problem: 'expected string (missing)' }]);
    // Original positions are reported, whatever was removed before them.
    expect(setAsideItems(read.setAside, { itemIds: ids ?? [] }, 'listing customers').sort((x, y) => x.field.localeCompare(y.field))).toEqual([
      { customerId: null, part: '', field: '(the whole record)', problem: 'expected object (got string)', during: 'listing customers' },
      { customerId: 'b', part: '', field: 'isStaging', problem: 'expected boolean (got string)', during: 'listing customers' },
      { customerId: 'a', part: 'tags[1]', field: 'tags[1].id', problem: 'expected string (missing)', during: 'listing customers' },
    ]);
  });

  it('never splits a breadcrumb (a hole would misplace the customer): the customer is set aside instead', () => {
    const read = parseTolerant(CustomerListSchema, { items: [{ id: 'a', breadcrumb: [{ id: 'root' }, { id: '' }] }, { id: 'b' }] });
    if (!read.success) throw new Error('expected a read');
    expect(read.data.items.map((c) => c.id)).toEqual(['b']);
    expect(read.setAside).toEqual([{ at: ['items', 0], field: ['items', 0, 'breadcrumb', 1, 'id'], problem: 'must be a non-empty id' }]);
  });

  it('fails only when the problem lies outside every list: one customer without an id', () => {
    const read = parseTolerant(CustomerInfoSchema, { name: 'nameless' });
    expect(read.success).toBe(false);
  });

  it('an empty or absent value reads as the API default: items [], isStaging false; parallel account lists are not split', () => {
    const empty = parseTolerant(CustomerListSchema, { totalCount: 0 });
    expect(empty.success && empty.data.items).toEqual([]);
    const customer = parseTolerant(CustomerInfoSchema, { id: 'x', isStaging: null });
    expect(customer.success && customer.data.isStaging).toBe(false);
    expect(parseTolerant(UserInfoSchema, { accountIds: ['a', 7], accountNames: ['A', 'B'] }).success).toBe(false);
    const user = parseTolerant(UserInfoSchema, { roles: ['Manager', 7], dashboardPermissions: ['AnythingAtAll', 3] });
    expect(user.success && user.data.roles).toEqual(['Manager']);
    expect(user.success && user.data['dashboardPermissions']).toEqual(['AnythingAtAll', 3]);
  });

  it('does not walk data: a 5,000-level Struct is kept as sent, no RangeError', () => {
    let value: Record<string, unknown> = { stringValue: 'x', listValue: [] };
    for (let i = 0; i < 5000; i++) value = { structValue: { k: value }, listValue: [] };
    const read = parseTolerant(CustomerInfoSchema, { id: 'deep', data: { root: value } });
    expect(read.success && (read.data.data as Record<string, unknown>)['root']).toBe(value);
  });
});

describe('what a screen says about what it read', () => {
  it('setAsideSentence names the set-aside items of one list only, once per item', () => {
    const read = parseTolerant(CustomerInfoSchema, { id: 'c', tags: [{ id: 't1' }, 'Imported 2019', 7], schedule: { rules: ['x', { id: 'r' }] } });
    if (!read.success) throw new Error('expected a read');
    expect(setAsideSentence(read.data, 'tags', 'tag')).toBe('2 tags could not be read and are not listed: tags[1] (expected object (got string)); tags[2] (expected object (got number)).');
    expect(setAsideSentence(read.data.schedule, 'rules', 'rule')).toBe('One rule could not be read and is not listed: rules[0] (expected object (got string)).');
    expect(setAsideSentence(read.data, 'tagsMore', 'tag')).toBeUndefined();
    expect(setAsideSentence({ id: 'plain' }, 'tags', 'tag')).toBeUndefined();
  });

  it('undeclaredMembers: what a newer server added, as sent; not the declared members nor the console’s own notes', () => {
    const read = parseTolerant(CustomerInfoSchema, { id: 'c', name: 'N', region: 'ie1', phoneNumberCount: 4, tags: ['bad'], data: {} });
    if (!read.success) throw new Error('expected a read');
    expect(undeclaredMembers(CustomerInfoSchema, read.data)).toEqual({ region: 'ie1', phoneNumberCount: 4 });
    expect(undeclaredMembers(CustomerInfoSchema, { id: 'c', isStaging: false })).toEqual({});
  });
});
