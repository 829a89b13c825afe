/** `aadlog schema`: the database's tables, views and columns, documented from the schema's own comments. */
import {parseArgs} from 'node:util';
import {openDatabase} from '../store/database.js';
import {describeSchema, schemaMarkdown} from '../store/schema-docs.js';
import {exitCodes} from './exit-codes.js';
import {writeJson, writeOut} from './output.js';
import {version} from './version.js';

export const schemaHelp = `Usage: aadlog schema [--json]

Prints the database's tables, views and columns with what each means (Markdown; this is
docs/schema.md), or --json. Needs no database: the schema is aadlog's own.
`;

export async function schemaCommand(argv: string[]): Promise<number> {
	const {values} = parseArgs({args: argv, options: {json: {type: 'boolean', default: false}, help: {type: 'boolean', short: 'h', default: false}}});
	if (values.help) {
		writeOut(schemaHelp);
		return exitCodes.ok;
	}
	const db = openDatabase(':memory:');
	try {
		const objects = describeSchema(db);
		if (values.json) writeJson(objects, 2);
		else writeOut(schemaMarkdown(objects, version) + '\n');
		return exitCodes.ok;
	} finally {
		db.close();
	}
}
