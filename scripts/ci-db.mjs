#!/usr/bin/env node
/**
 * CI helper: `create <url> <name>` makes a fresh database for this run and
 * prints its URL; `drop <url> <name>` removes it. Exits 1 if the server is unreachable.
 */
import pg from 'pg';

const [command, serverUrl, name] = process.argv.slice(2);
if (!/^[a-z0-9_]+$/.test(name ?? '')) throw new Error('database name must be [a-z0-9_]+');
const client = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 3000 });
try {
  await client.connect();
} catch (err) {
  console.error(`PostgreSQL not reachable at ${serverUrl}: ${err.message}`);
  process.exit(1);
}
if (command === 'create') {
  await client.query(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  console.log(url.toString());
} else if (command === 'drop') {
  await client.query(`drop database if exists ${name} with (force)`);
}
await client.end();
