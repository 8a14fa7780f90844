// cube_duckdb.mjs - the DuckDB baseline of bench/cube.sh (npm @duckdb/node-api, 2 threads).
// Loads the CSV files of bench/gen_facts.c into tables (not timed), then times REPS runs of
// (a) the SUM/COUNT GROUP BY (industry, district, period, indicator) of the facts joined to
// memberships and enterprises, and (b) the same GROUP BY over the rows already joined (a table of
// the join's output: the plain GROUP BY the issue quotes). Writes the groups of (a) to OUT.csv.
// Prints "key value" lines. usage: node bench/cube_duckdb.mjs DIR OUT.csv REPS
import { writeFileSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';

const [dir, out, repsArg] = process.argv.slice(2);
const reps = Number(repsArg || 3);
const inst = await DuckDBInstance.create(':memory:', { threads: '2' });
const con = await inst.connect();
const csv = (name, cols) => `read_csv('${dir}/${name}', header = true, columns = ${cols})`;
await con.run(`CREATE TABLE ents AS SELECT * FROM ${csv('ents.csv', "{'ent': 'UINTEGER', 'district': 'USMALLINT'}")}`);
await con.run(`CREATE TABLE mems AS SELECT * FROM ${csv('mems.csv', "{'ent': 'UINTEGER', 'industry': 'USMALLINT'}")}`);
await con.run(`CREATE TABLE facts AS SELECT * FROM ${csv('facts.csv',
	"{'ent': 'UINTEGER', 'period': 'USMALLINT', 'indicator': 'UTINYINT', 'value': 'DOUBLE'}")}`);
const threads = (await con.runAndReadAll("SELECT current_setting('threads')")).getRows()[0][0];

const JOINED = `SELECT m.industry, e.district, f.period, f.indicator, SUM(f.value) AS s, COUNT(*) AS n
	FROM facts f JOIN mems m ON m.ent = f.ent JOIN ents e ON e.ent = f.ent
	GROUP BY m.industry, e.district, f.period, f.indicator`;
const PLAIN = `SELECT industry, district, period, indicator, SUM(value) AS s, COUNT(*) AS n
	FROM j GROUP BY industry, district, period, indicator`;

async function timed(sql) {
	let best = Infinity, rows;
	for (let r = 0; r < reps; r++) {
		const t0 = process.hrtime.bigint();
		const res = await con.runAndReadAll(sql);
		rows = res.getRows();
		const s = Number(process.hrtime.bigint() - t0) / 1e9;
		if (s < best) best = s;
	}
	return { best, rows };
}

const a = await timed(JOINED);
writeFileSync(out, a.rows.map((r) => r.join(',')).join('\n') + '\n');
await con.run(`CREATE TABLE j AS SELECT m.industry, e.district, f.period, f.indicator, f.value
	FROM facts f JOIN mems m ON m.ent = f.ent JOIN ents e ON e.ent = f.ent`);
const jrows = (await con.runAndReadAll('SELECT COUNT(*) FROM j')).getRows()[0][0];
const b = await timed(PLAIN);
console.log(`duckdb_threads ${threads}`);
console.log(`duckdb_join_groupby_s ${a.best.toFixed(4)}`);
console.log(`duckdb_groups ${a.rows.length}`);
console.log(`duckdb_plain_groupby_s ${b.best.toFixed(4)}`);
console.log(`duckdb_plain_rows ${jrows}`);
