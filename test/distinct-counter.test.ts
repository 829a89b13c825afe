import test from 'ava';
import {DistinctCounter} from '../src/aggregate/distinct-counter.js';
import {hash52} from '../src/util/hash.js';

test('exact up to 65,536 distinct values, repeats counted once', (t) => {
	const counter = new DistinctCounter();
	for (let round = 0; round < 3; round++) for (let i = 0; i < 65_536; i++) counter.add(hash52(`user${i}@contoso.com`));
	t.true(counter.isExact);
	t.is(counter.count, 65_536);
});

test('past that, an estimate within 2% whatever the number, in bounded memory', (t) => {
	for (const n of [70_000, 300_000, 2_000_000]) {
		const counter = new DistinctCounter();
		for (let round = 0; round < 2; round++) for (let i = 0; i < n; i++) counter.add(hash52(`10000000-0000-4000-8000-${String(i).padStart(12, '0')}`));
		t.false(counter.isExact);
		const error = Math.abs(counter.count - n) / n;
		t.log(`${n}: estimated ${counter.count} (${(error * 100).toFixed(2)}% off)`);
		t.true(error < 0.02, `${n}: estimated ${counter.count}`);
	}
});
