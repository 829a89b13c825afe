#!/usr/bin/env node
// DuckDB doing only the failure count by code over a JSON Lines file (a dev dependency):
// the fastest tool that does far less, to compare with. Prints the groups as JSON.
// Usage: node bench/duckdb-groupby.js FILE [CODE_PATH] (default status.errorCode; the
// diagnostic-settings shape keeps it in properties.status.errorCode).
import {DuckDBInstance} from '@duckdb/node-api';

const file = process.argv[2];
const code = (process.argv[3] ?? 'status.errorCode').replace(/[^\w.]/g, '');
const instance = await DuckDBInstance.create(':memory:');
const connection = await instance.connect();
const reader = await connection.runAndReadAll(
	`SELECT ${code} AS code, count(*) AS n FROM read_json_auto('${file.replace(/'/g, "''")}', format = 'newline_delimited') WHERE ${code} <> 0 GROUP BY 1 ORDER BY 2 DESC`,
);
console.log(JSON.stringify(reader.getRowObjectsJson()));
