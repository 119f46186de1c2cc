// A PostgreSQL session advisory lock held around a piece of set-up work, so that eps processes
// starting at the same moment (eps worker beside eps status) do it one after the other.
import postgres from 'postgres';

export async function withAdvisoryLock<T>(url: string, key: string, work: () => Promise<T>): Promise<T> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await sql`SELECT pg_advisory_lock(hashtext(${key}))`;
    try { return await work(); } finally { await sql`SELECT pg_advisory_unlock(hashtext(${key}))`.catch(() => {}); }
  } finally {
    await sql.end({ timeout: 5 });
  }
}
