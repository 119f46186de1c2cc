import { seedDemoFirm } from '../demo/generator.js';
import { connectPg } from '../erp/pg-adapter.js';
import { openEnvironment } from './environment.js';

export async function seedDemo(opts: { employees: number; years: number; seed: number }): Promise<number> {
  const env = await openEnvironment({ standin: true });
  const company = connectPg(env.config.erp.companyUrl);
  const config = connectPg(env.config.erp.configUrl);
  try {
    const [{ n }] = await company`SELECT count(*)::int AS n FROM CDN.PracKod`;
    if (n > 0) {
      console.error(`The ERP company database already holds ${n} employees; eps demo seed fills only an empty one.`);
      return 1;
    }
    const started = Date.now();
    const counts = await seedDemoFirm({ company, config }, { ...opts, onProgress: (t, r) => process.stderr.write(`  ${t}: ${r}\n`) });
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    console.log(`Demo firm generated: ${total} rows in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
    return 0;
  } finally {
    await Promise.all([company.end(), config.end()]);
    await env.close();
  }
}
