/**
 * Opens the SQLite database: WAL (readers never block the writer), migrations applied in
 * one transaction, and a busy timeout so a second writer waits briefly, then fails clearly.
 * Everything that can go wrong at this boundary (not a database, another program's database,
 * a read-only file or folder) is an AadlogError naming the file and what to do.
 */
import Database from 'better-sqlite3';
import {AadlogError} from '../errors.js';
import {dbOpenError} from './db-errors.js';
import {readOnlyTarget, writable} from './read-only-open.js';
import {migrations, registerMigrationFunctions, upgradeSteps} from './schema.js';

export type Db = Database.Database;

/** Bytes per page of a database this creates. */
const pageSize = 16_384;

/**
 * PRAGMA application_id of an aadlog database ('aadl'): the schema marker that tells it
 * from another program's SQLite file. Databases from before it carry none; they are told
 * by their schema version and their runs and events tables (aadlogSchema).
 */
export const aadlogApplicationId = 0x6161646c;

/** Whether a second connection (the writer thread's) opens the same database: not `:memory:`, not `''` (a private temporary one). */
export function opensTwice(file: string): boolean {
	return file !== ':memory:' && file !== '';
}

export interface OpenOptions {
	readonly?: boolean;
	/** Called before an existing database is upgraded: rebuilding indexes of millions of events takes a while (45 s for 10M). */
	onUpgrade?: (from: number, to: number) => void;
	/** Use a SQLite file that holds another program's tables (analyze --force-db): aadlog's tables are added beside them. */
	forceForeign?: boolean;
}

export function openDatabase(file: string, options: OpenOptions = {}): Db {
	try {
		return options.readonly ? openReadOnly(file) : openForWriting(plainPath(file), options);
	} catch (error) {
		throw dbOpenError(file, error, options.readonly ?? false);
	}
}

/** URI file names are on (read-only-open.ts): a --db named file:... is a file of that name. */
function plainPath(file: string): string {
	return file.startsWith('file:') ? `./${file}` : file;
}

function openReadOnly(file: string): Db {
	const target = readOnlyTarget(plainPath(file));
	const db = new Database(target, {readonly: true, fileMustExist: true});
	try {
		// A read-only open cannot migrate: say what to do instead of failing on a missing table.
		const version = db.pragma('user_version', {simple: true}) as number;
		if (!aadlogSchema(db)) throw new AadlogError('ERR_DB', `${file}: not an aadlog database (no aadlog tables in it); give the --db an analyze run wrote`);
		if (version < migrations.length) {
			throw new AadlogError(
				'ERR_DB',
				`${file}: written by an older aadlog (schema ${version} of ${migrations.length}); run aadlog analyze --db ${file} once to upgrade it`,
			);
		}
		return db;
	} catch (error) {
		db.close();
		throw error;
	}
}

function openForWriting(file: string, options: OpenOptions): Db {
	const db = new Database(file);
	try {
		// First: every statement below may meet another process creating the same file.
		db.pragma('busy_timeout = 5000');
		// A new file only (an existing one keeps its page size: changing it rewrites the whole file).
		// 16 KiB pages hold more index entries each, so an insert dirties fewer pages: storing the
		// 100 MB benchmark's 80,197 events took 0.8-0.9 s in SQLite against 1.0-1.4 s with 4 KiB.
		if (db.pragma('page_count', {simple: true}) === 0) db.pragma(`page_size = ${pageSize}`);
		if (file !== ':memory:') db.pragma('journal_mode = WAL');
		// NORMAL is durable across a killed process in WAL mode; only a power cut can lose the last commit.
		db.pragma('synchronous = NORMAL');
		db.pragma('foreign_keys = ON');
		// SQLite opens a file it cannot write read-only, silently: find out here, not at the run's first write.
		if (opensTwice(file) && !writable(file)) throw Object.assign(new Error('attempt to write a readonly database'), {code: 'SQLITE_READONLY'});
		migrate(db, file, options);
		return db;
	} catch (error) {
		db.close();
		throw error;
	}
}

/** Whether the database holds aadlog's schema: its marker, or (a database from before the marker) a schema version with aadlog's tables. */
function aadlogSchema(db: Db): boolean {
	const id = db.pragma('application_id', {simple: true}) as number;
	if (id === aadlogApplicationId) return true;
	if (id !== 0) return false;
	const version = db.pragma('user_version', {simple: true}) as number;
	const tables = db.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('runs', 'events', 'sources')").pluck().get() as number;
	return version > 0 && tables === 3;
}

function hasTables(db: Db): boolean {
	return db.prepare("SELECT 1 FROM sqlite_master WHERE type IN ('table', 'view')").get() !== undefined;
}

function migrate(db: Db, file: string, options: OpenOptions): void {
	registerMigrationFunctions(db);
	if (db.pragma('user_version', {simple: true}) === migrations.length && aadlogSchema(db)) return;
	// Decided inside a write transaction: two first runs at once must not both create the schema.
	// BEGIN IMMEDIATE waits (busy_timeout) for the other to commit, then sees its version.
	db.transaction(() => {
		const current = db.pragma('user_version', {simple: true}) as number;
		if (current > migrations.length) {
			throw new AadlogError('ERR_DB', `${file}: written by a newer aadlog (schema ${current}, this one knows ${migrations.length}); upgrade aadlog`);
		}
		// aadlog keeps its schema version in user_version and marks its files in application_id: a file whose
		// program set either would have them overwritten, so not even --force-db takes it.
		const applicationId = db.pragma('application_id', {simple: true}) as number;
		if ((current > 0 && !aadlogSchema(db)) || (applicationId !== 0 && applicationId !== aadlogApplicationId)) {
			throw new AadlogError(
				'ERR_DB',
				`${file}: a SQLite database of another program (it sets its own ${current > 0 ? `user_version ${current}` : `application_id ${applicationId}`}, which aadlog would overwrite); give --db a new file`,
			);
		}
		if (current === 0 && hasTables(db) && !options.forceForeign) {
			throw new AadlogError(
				'ERR_DB',
				`${file}: a SQLite database of another program (it has tables, none of them aadlog's); give --db a new file, or add --force-db to add aadlog's tables to it`,
			);
		}
		if (current > 0 && current < migrations.length) options.onUpgrade?.(current, migrations.length);
		for (const step of upgradeSteps(current)) db.exec(step);
		db.pragma(`user_version = ${migrations.length}`);
		db.pragma(`application_id = ${aadlogApplicationId}`);
	}).immediate();
}
