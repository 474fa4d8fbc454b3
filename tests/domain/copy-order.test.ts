import { describe, expect, it } from 'vitest';
import { inDependencyOrder } from '../../src/store/copy-database.ts';

describe('the order db:copy fills tables in', () => {
  it('puts every parent before its children, whatever order the tables are listed in', () => {
    const keys = [
      { child: 'TimelineEdit', parent: 'TimelineEntry' },
      { child: 'TimelineEntry', parent: 'Incident' },
      { child: 'Page', parent: 'Incident' },
      { child: 'Incident', parent: 'Incident' },
    ];
    const order = inDependencyOrder(['TimelineEdit', 'Page', 'Counter', 'TimelineEntry', 'Incident'], keys);
    expect(order).toHaveLength(5);
    for (const { child, parent } of keys) expect(order.indexOf(parent)).toBeLessThanOrEqual(order.indexOf(child));
  });

  it('refuses a cycle instead of looping', () => {
    expect(() =>
      inDependencyOrder(
        ['A', 'B'],
        [
          { child: 'A', parent: 'B' },
          { child: 'B', parent: 'A' },
        ],
      ),
    ).toThrow('cycle');
  });
});
