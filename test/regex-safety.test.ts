/**
 * A hang guard, not a speed target: hostile lines that once made a regex backtrack
 * quadratically (or worse) must go through extraction in linear time. At 1 MB each, a
 * quadratic pattern takes minutes; the timeout only catches that.
 */
import test from 'ava';
import {extractAppText} from '../src/extract/shapes/app-log.js';
import {redactExcerpt} from '../src/tokens/redact.js';

const hostile: Record<string, string> = {
	'repeated insufficient_scope challenges': 'Bearer error="insufficient_scope" '.repeat(30_000),
	'eyJ without dots': 'eyJ'.repeat(300_000),
	'eyJ with one dot each': 'eyJaaaa.'.repeat(100_000),
	'wrapped token pieces on every line': ('eyJ' + 'a'.repeat(20) + '\n').repeat(50_000),
	'labels without values': 'password:'.repeat(100_000),
	'open quotes after labels': '"password":"'.repeat(80_000),
	'Bearer repeated': 'Bearer '.repeat(150_000),
	'validation parameters without closing quote': "validationParameters.ValidAudience: '".repeat(30_000),
	'word_with_underscores then =': 'a_'.repeat(500_000) + '=x',
	'Entra opaque prefixes': '0.A'.repeat(300_000),
};

for (const [name, text] of Object.entries(hostile)) {
	test(`hostile input is handled in linear time: ${name}`, (t) => {
		t.timeout(20_000);
		const event = extractAppText(text, {file: 'f', line: 1});
		t.true(event.message!.length <= 8193, 'the stored message is bounded');
		t.is(typeof redactExcerpt(text.slice(0, 200)), 'string');
	});
}
