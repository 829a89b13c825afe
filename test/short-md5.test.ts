import {hash, randomBytes} from 'node:crypto';
import test from 'ava';
import {recordKey, signinKey} from '../src/util/hash.js';
import {shortMd5Key} from '../src/util/short-md5.js';

const cryptoKey = (text: string): bigint => hash('md5', text, 'buffer').readBigInt64LE(0);

test('a short ASCII text gets the key node:crypto gives it, at every length up to one MD5 block (55 bytes)', (t) => {
	for (let length = 0; length <= 55; length++) {
		for (let round = 0; round < 20; round++) {
			// Every ASCII byte, control characters and DEL included.
			const text = String.fromCharCode(...randomBytes(length).map((b) => b & 0x7f));
			t.is(shortMd5Key(text), cryptoKey(text), JSON.stringify(text));
		}
	}
	t.is(shortMd5Key(''), cryptoKey(''));
	t.is(shortMd5Key('\u007f'.repeat(55)), cryptoKey('\u007f'.repeat(55)));
});

test('a longer or non-ASCII text is left to node:crypto, and recordKey is the same key either way', (t) => {
	t.is(shortMd5Key('x'.repeat(56)), undefined);
	t.is(shortMd5Key('café'), undefined);
	t.is(shortMd5Key('\u0080'), undefined);
	for (const text of ['x'.repeat(56), 'café', 'signin-id\n00000000-0000-4000-8000-000000000001', '{"a":1}', 'x'.repeat(4000)])
		t.is(recordKey(text), cryptoKey(text));
	// A key databases already hold (migration 12 writes them with this function): it must never change.
	t.is(signinKey('00000000-0000-4000-8000-000000000001'), cryptoKey('signin-id\n00000000-0000-4000-8000-000000000001'));
});
