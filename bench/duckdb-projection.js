#!/usr/bin/env node
// The stretch of issue 7, measured: could DuckDB read for aadlog? It projects the sign-in
// fields the extractors use from a JSON Lines file and hands the rows to JavaScript in
// chunks. Prints the seconds to the first row, the seconds for all rows, and the row count.
// Usage: node bench/duckdb-projection.js FILE [--columns]
import {DuckDBInstance} from '@duckdb/node-api';

const file = process.argv[2];
const columnar = process.argv.includes('--columns');
const start = performance.now();
const instance = await DuckDBInstance.create(':memory:');
const connection = await instance.connect();
const result = await connection.stream(`SELECT id, createdDateTime, correlationId, userPrincipalName, userId, appId, appDisplayName,
	ipAddress, clientAppUsed, conditionalAccessStatus, isInteractive, resourceDisplayName, resourceId,
	status.errorCode AS errorCode, status.failureReason AS failureReason, status.additionalDetails AS additionalDetails,
	deviceDetail.deviceId AS deviceId, deviceDetail.operatingSystem AS os, deviceDetail.browser AS browser,
	location.city AS city, location.countryOrRegion AS country
	FROM read_json_auto('${file.replace(/'/g, "''")}', format = 'newline_delimited')`);
let rows = 0;
let first = 0;
let failures = 0;
for (;;) {
	const chunk = await result.fetchChunk();
	if (!chunk || chunk.rowCount === 0) break;
	if (!first) first = performance.now();
	if (columnar) {
		// The lower bound: columns as arrays, no row objects.
		const codes = chunk.getColumns()[13];
		rows += codes.length;
		for (const code of codes) if (Number(code) !== 0) failures++;
		continue;
	}
	// Rows as JavaScript values, as the rules engine would need them.
	for (const row of chunk.getRowObjects(result.deduplicatedColumnNames())) {
		rows++;
		if (Number(row.errorCode) !== 0) failures++;
	}
}
const seconds = (performance.now() - start) / 1000;
console.log(JSON.stringify({rows, failures, firstRowSeconds: +((first - start) / 1000).toFixed(2), seconds: +seconds.toFixed(2)}));
