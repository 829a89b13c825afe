// bench/run.js's command line: what to measure, at which size, how many times.
export const groups = ['jq', 'formats', 'rss', 'nightly', 'reports', 'extras'];
const defaultGroups = groups.filter((g) => g !== 'extras');

export const help = `Usage: npm run bench [-- options]   (or: node bench/run.js [options], after npm run build)

Times aadlog against issue 19's targets (bench/targets.js) and prints a PASS or FAIL line
for each. Inputs are generated once into bench/data (deterministic) and kept.

Options:
  --mb N            size of the end-to-end inputs in MB (default 100; 1000 for the 1 GB run)
  --shape LIST      graph, diagnostic or both (default graph,diagnostic)
  --profile LIST    small (~0.9 KB records), realistic (~4.7 KB) or both (default small,realistic)
  --runs N          alternating runs of each contender, medians reported (default 3; 1 above 200 MB)
  --only LIST       measure only these groups: ${groups.join(', ')}
                    (default: all but extras)
  --skip LIST       measure all default groups but these
  --rss-mb N        size of the peak-RSS input (default 2000)
  --events N        events in the database for nightly and reports (default 10000000)
  --quick           a smoke run: --mb 20 --runs 1 --rss-mb 20 --events 200000
  --strict          exit 1 when a target fails
  -h, --help        show this help

Groups:
  jq        JSON Lines end to end into a fresh database, against jq's failure count by code
            on the same file, the JSON.parse floor and DuckDB's group-by (every shape x profile)
  formats   the same records as one JSON array and as {"records": [...]}, against JSON Lines
  rss       peak RSS of one run over a --rss-mb file (small Graph records)
  nightly   the 100 MB small Graph input with new ids into a copy of the --events database,
            against the same into a fresh one
  reports   aadlog report, the named queries and trace on the --events database
  extras    not targets: SQLite in the main thread, 4 and 2,000 files, DuckDB
            projecting fields (graph, small)

Examples:
  npm run bench                                       all targets at 100 MB (~10 minutes)
  npm run bench -- --quick                            every target, small sizes (a smoke run)
  npm run bench -- --mb 1000 --only jq,formats        the 1 GB comparison
  npm run bench -- --mb 1000 --shape diagnostic --profile realistic --only jq
`;

function list(value, allowed, flag) {
	const items = value.split(',').filter(Boolean);
	for (const item of items) if (!allowed.includes(item)) throw new Error(`${flag}: ${item} is not one of ${allowed.join(', ')}`);
	return items;
}

function positive(value, flag) {
	const n = Number(value);
	if (!Number.isFinite(n) || n <= 0) throw new Error(`${flag} needs a positive number, not ${value}`);
	return n;
}

/** The options, or {help: true}. Throws on an unknown option or a bad value. */
export function parseOptions(argv) {
	const o = {
		mb: 100,
		shapes: ['graph', 'diagnostic'],
		profiles: ['small', 'realistic'],
		runs: undefined,
		groups: defaultGroups,
		rssMb: 2000,
		events: 10_000_000,
		quick: false,
		strict: false,
	};
	const named = new Set();
	for (let i = 0; i < argv.length; i++) {
		const flag = argv[i];
		const value = () => {
			if (i + 1 >= argv.length) throw new Error(`${flag} needs a value`);
			named.add(flag);
			return argv[++i];
		};
		if (flag === '-h' || flag === '--help') return {help: true};
		else if (flag === '--mb') o.mb = positive(value(), flag);
		else if (flag === '--shape') o.shapes = list(value(), ['graph', 'diagnostic'], flag);
		else if (flag === '--profile') o.profiles = list(value(), ['small', 'realistic'], flag);
		else if (flag === '--runs') o.runs = positive(value(), flag);
		else if (flag === '--only') o.groups = list(value(), groups, flag);
		else if (flag === '--skip') o.skip = list(value(), groups, flag);
		else if (flag === '--rss-mb') o.rssMb = positive(value(), flag);
		else if (flag === '--events') o.events = positive(value(), flag);
		else if (flag === '--quick') o.quick = true;
		else if (flag === '--strict') o.strict = true;
		else throw new Error(`unknown option ${flag} (--help lists them)`);
	}
	if (o.skip) o.groups = o.groups.filter((g) => !o.skip.includes(g));
	if (o.quick) {
		// A smoke run: every path once, at sizes that take seconds; explicit options still win.
		if (!named.has('--mb')) o.mb = 20;
		if (!named.has('--rss-mb')) o.rssMb = 20;
		if (!named.has('--events')) o.events = 200_000;
		o.runs ??= 1;
	}
	o.runs ??= o.mb > 200 ? 1 : 3;
	/** The default run of a size writes the committed results file (bench/results.md, results-1000mb.md). */
	o.canonical = !o.quick && !['--shape', '--profile', '--only', '--skip', '--rss-mb', '--events'].some((f) => named.has(f));
	/** The nightly input and the big database's base are the 100 MB file (20 MB in a smoke run). */
	o.baseMb = o.quick ? 20 : 100;
	return o;
}
