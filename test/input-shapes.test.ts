/**
 * The registry of input shapes (src/extract/shapes/index.ts) is the one place a shape is
 * declared: each registered shape has its extractor file, its test file and a sample that
 * aadlog reads as that shape, and no extractor file is left out of the registry.
 */

import {existsSync, readdirSync, statSync} from 'node:fs';
import path from 'node:path';
import test from 'ava';
import {isObject} from '../src/extract/json-values.js';
import {fallbackShape, recordShapes, shapeNames, shapeOf} from '../src/extract/shapes/index.js';
import {fileInput} from '../src/read/inputs.js';
import {readInput} from '../src/read/read-input.js';
import {defaultReadLimits, type InputRecord} from '../src/read/record.js';
import {sniffFormat} from '../src/read/sniff.js';
import {projectRoot, samplesDir} from './helpers.js';

const shapesDir = path.join(projectRoot, 'src', 'extract', 'shapes');

/** The shape aadlog reads a record as: the extractor extractRecord picks for it. */
function shapeNameOf(record: InputRecord): string {
	if (record.type === 'reject') return 'reject';
	if (record.type === 'text' || !isObject(record.value)) return fallbackShape.name;
	return shapeOf(record.value)?.name ?? fallbackShape.name;
}

/** Each sample with the shapes of its records, read as the CLI reads the file. */
async function samplesByShape(): Promise<Map<string, Set<string>>> {
	const shapesOfSample = new Map<string, Set<string>>();
	for (const name of readdirSync(samplesDir)) {
		if (name === 'README.md') continue;
		const file = path.join(samplesDir, name);
		const shapes = new Set<string>();
		for await (const record of readInput(fileInput(file, statSync(file).size), {limits: defaultReadLimits})) shapes.add(shapeNameOf(record));
		shapesOfSample.set(name, shapes);
	}
	return shapesOfSample;
}

test('every extractor file in src/extract/shapes is a registered shape, named as its file', (t) => {
	const files = readdirSync(shapesDir)
		.filter((name) => name !== 'index.ts')
		.map((name) => path.basename(name, '.ts'));
	t.deepEqual([...files].sort(), [...shapeNames].sort());
	t.is(new Set(shapeNames).size, shapeNames.length, 'shape names are unique');
});

for (const name of shapeNames) {
	test(`${name}: has test/shapes/${name}.test.ts`, (t) => {
		t.true(existsSync(path.join(projectRoot, 'test', 'shapes', `${name}.test.ts`)));
	});
}

test('every registered shape has a sample read entirely as that shape; every sample is one shape', async (t) => {
	const bySample = await samplesByShape();
	for (const [sample, shapes] of bySample) t.is(shapes.size, 1, `${sample} reads as ${[...shapes].join(', ')}`);
	const covered = new Set([...bySample.values()].flatMap((shapes) => [...shapes]));
	for (const name of shapeNames) t.true(covered.has(name), `no sample in samples/ reads as ${name}`);
});

test("a CSV shape's declared columns are what the sniffer reads a CSV header by", (t) => {
	const csvShapes = recordShapes.filter((shape) => shape.csvColumns);
	t.true(csvShapes.length > 0);
	for (const shape of csvShapes) {
		const [first, second] = shape.csvColumns!;
		t.is(sniffFormat(Buffer.from(`${first},${second},Other column\r\nx,y,z\r\n`)), 'csv', shape.name);
		t.is(sniffFormat(Buffer.from(`${first},Some column,Other column\r\nx,y,z\r\n`)), 'text', `${shape.name}: one known column is not enough`);
	}
});
