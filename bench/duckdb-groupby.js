#!/usr/bin/env node
// DuckDB doing only the failure count by code over a JSON Lines file (a dev dependency):
// the fastest tool that does far less, to compare with. Prints the groups as JSON.
import {DuckDBInstance} from '@duckdb/node-api';

const file = process.argv[2];
const instance = await DuckDBInstance.create(':memory:');
const connection = await instance.connect();
const reader = await connection.runAndReadAll(
	`SELECT status.errorCode AS code, count(*) AS n FROM read_json_auto('${file.replace(/'/g, "''")}', format = 'newline_delimited') WHERE status.errorCode <> 0 GROUP BY 1 ORDER BY 2 DESC`,
);
console.log(JSON.stringify(reader.getRowObjectsJson()));
