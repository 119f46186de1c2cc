import type { Config } from '../config.js';
import type { ErpAdapter } from './adapter.js';
import { PgErpAdapter } from './pg-adapter.js';

/** The URL's scheme picks the adapter; the SQL Server driver is loaded only when it is needed. */
export async function connectErp(config: Config): Promise<ErpAdapter> {
  const scheme = new URL(config.erp.companyUrl).protocol;
  if (scheme === 'mssql:' || scheme === 'sqlserver:') {
    const { MssqlErpAdapter } = await import('./mssql-adapter.js');
    return new MssqlErpAdapter(config.erp.companyUrl, config.erp.configUrl, config.commandTimeoutSeconds.full * 1000);
  }
  return new PgErpAdapter(config.erp.companyUrl, config.erp.configUrl);
}
