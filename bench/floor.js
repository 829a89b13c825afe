#!/usr/bin/env node
// The floor: split a JSON Lines file into lines and JSON.parse each, nothing else. No tool
// that reads every record with JSON.parse can be faster. Run as its own process, as the
// other contenders are. Prints {"records": N}.
import {createReadStream} from 'node:fs';

let records = 0;
let rest = Buffer.alloc(0);
for await (const chunk of createReadStream(process.argv[2], {highWaterMark: 1 << 20})) {
	const buf = rest.length ? Buffer.concat([rest, chunk]) : chunk;
	let at = 0;
	for (let nl = buf.indexOf(10); nl !== -1; nl = buf.indexOf(10, at)) {
		JSON.parse(buf.toString('utf8', at, nl));
		records++;
		at = nl + 1;
	}
	rest = buf.subarray(at);
}
console.log(JSON.stringify({records}));
