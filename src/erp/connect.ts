import type { Config } from '../config.js';
import type { ErpAdapter } from './adapter.js';
import { MssqlErpAdapter } from './mssql-adapter.js';
import { PgErpAdapter } from './pg-adapter.js';

export function connectErp(config: Config): ErpAdapter {
  const scheme = new URL(config.erp.companyUrl).protocol;
  if (scheme === 'mssql:' || scheme === 'sqlserver:') {
    return new MssqlErpAdapter(config.erp.companyUrl, config.erp.configUrl, config.commandTimeoutSeconds.full * 1000);
  }
  return new PgErpAdapter(config.erp.companyUrl, config.erp.configUrl);
}
