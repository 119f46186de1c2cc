#!/usr/bin/env node
// eps: one command with subcommands. Exit codes: 0 ok, 1 failed, 2 usage, 3 configuration,
// 4 not installed / not an Optima database, 5 newer version installed, 75 another sync running.
import { parseArgs } from 'node:util';
import { connectionError, EpsError, EXIT, exitCodeFor } from '../errors.js';
import { openEnvironment } from './environment.js';
import { openServices } from './app.js';
import { install } from '../erp/installer.js';
import { terminalOutput } from './progress.js';
import { status, formatSchedules, formatStatus } from './status.js';

const HELP: Record<string, string> = {
  '': `eps — keeps a Comarch ERP Optima firm's HR data and its e-Pracownik cloud copy in step.

Usage: eps <command> [options]

Commands:
  install            add the service's objects to the ERP company and configuration databases
  sync [--full]      run one HR sync now (differential; the first one is full)
  run                the service: syncs on the schedule in CDN.Sync until stopped
  schedule [--full]  show the sync schedule (CDN.Sync); --full makes the next scheduled HR sync a full one
  status             schedule, lease holder, last runs, pending changes and row counts on both sides
  mail status        notifications queued, sent and failed (with the last error)
  mail send          pull new notifications into the ERP outbox and send them now
  mail account ID    choose the CDN.MailKontaEMail account (MKE_MKEID) the service sends through
  worker             run the cloud worker that applies batches (graphile-worker)
  demo               the whole job on the embedded default (what npm start runs)
  demo seed          generate a demo firm: --employees N --years Y --seed S

Configuration: eps.config.json and/or EPS_ERP_COMPANY_URL, EPS_ERP_CONFIG_URL, EPS_CLOUD_URL
(or DATABASE_URL for one shared PostgreSQL server). With none, an embedded PostgreSQL is used.
Run eps <command> --help for details.`,
  install: 'eps install\n  Installs or upgrades the service objects (EPS_ tables, capture triggers, procedures) and the\n  service rows of CDN.Firma. Safe to run again; refuses to downgrade (exit 5).',
  sync: 'eps sync [--full] [--scope hr] [--with-worker]\n  Runs one HR sync now, whether or not the service runs: differential, or full the first time, after\n  an unfinished full sync, or with --full (the cloud copy replaced). --with-worker applies the\n  batches in this process (default with the embedded database; else run eps worker somewhere).\n  Live progress on stderr; a log file per run. Ctrl-C stops it at the next safe point.\n  Exit: 0 done, 1 failed, 75 another sync of this database is running (it names the station).\n  --scope binary (photos, printouts) is not part of this version.',
  run: 'eps run [--with-worker]\n  Runs the service (Serwis Operacji Automatycznych): HR syncs on the schedule kept in Optima\'s\n  CDN.Sync, read again before every wait. One station per firm database (exit 75 names the one\n  that holds it). Log: eps-service.log in the log directory and CDN.SoaLogs. SIGINT/SIGTERM\n  stop it at the next safe point (between pages or batches); a second one at once.\n  Time zone: EPS_TIME_ZONE (default Europe/Warsaw).',
  schedule: 'eps schedule [--full]\n  Shows the schedule kept in Optima\'s CDN.Sync and the next planned runs. --full makes the next\n  scheduled HR sync a full one (the cloud copy replaced); after it the schedule is differential again.',
  status: 'eps status\n  Shows the installed version, the schedule and the next planned runs, the service\'s station, the\n  running sync, changes waiting to be sent, cloud entries that lost to the ERP, mail, row counts\n  per table in the ERP and the cloud, and the last runs with their log files.',
  mail: 'eps mail status | eps mail send | eps mail account <MKE_MKEID>\n  Portal notifications go into Optima\'s outbox (CDN.MailWiadomosci) and out through the account\n  chosen in CDN.Firma 9105, after each differential sync. status: queued, sent, failed with the\n  last error. send: pull and send now. account: choose the account (see docs/mail.md).',
  worker: 'eps worker [--concurrency N]\n  Applies the batches runners send, until stopped with Ctrl+C / SIGTERM.',
  demo: 'eps demo [--employees N] [--years Y] [--seed S]\n  Seeds a demo firm (first run only), installs, full sync, a few ERP edits, a differential\n  sync, then compares the ERP and the cloud. Exit 0 only if they are equal.\n\neps demo seed --employees N --years Y --seed S\n  Generates a demo firm into empty stand-in ERP databases.',
};

/** The options each command takes; any other is a usage error, not silently ignored. */
const OPTIONS_OF: Record<string, string[]> = {
  install: [], sync: ['full', 'scope', 'with-worker'], run: ['with-worker'], schedule: ['full'], status: [], mail: [],
  worker: ['concurrency'], demo: ['employees', 'years', 'seed'],
};

async function packageVersion(): Promise<string> {
  const { readFileSync } = await import('node:fs');
  return (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv, allowPositionals: true, strict: true,
    options: {
      help: { type: 'boolean', short: 'h' }, version: { type: 'boolean' }, full: { type: 'boolean' }, 'with-worker': { type: 'boolean' }, scope: { type: 'string' },
      employees: { type: 'string' }, years: { type: 'string' }, seed: { type: 'string' }, concurrency: { type: 'string' },
    },
  });
  const [cmd = '', sub] = positionals;
  if (values.version) { console.log(`eps ${await packageVersion()}`); return EXIT.ok; }
  if (values.help || !cmd) { console.log(HELP[cmd] ?? HELP['']); return cmd && !values.help ? EXIT.usage : EXIT.ok; }
  const timeZone = process.env.EPS_TIME_ZONE;
  if (timeZone) {
    try { new Intl.DateTimeFormat('en', { timeZone }); } catch {
      throw new EpsError('EPS10', `EPS_TIME_ZONE is "${timeZone}", which is not a time zone.`, 'Use an IANA name such as Europe/Warsaw, or leave it unset (Europe/Warsaw).');
    }
  }
  const SUBCOMMANDS: Record<string, string[]> = { mail: ['status', 'send', 'account'], demo: ['seed'] };
  const extra = positionals.slice(1).filter((p, i) => !(i === 0 && SUBCOMMANDS[cmd]?.includes(p)) && !(cmd === 'mail' && sub === 'account' && i === 1));
  if (OPTIONS_OF[cmd] && extra.length) {
    console.error(`eps ${cmd}${SUBCOMMANDS[cmd] ? ` has no subcommand "${extra[0]}" (it has: ${SUBCOMMANDS[cmd]!.join(', ')})` : ` takes no arguments, got "${extra.join(' ')}"`}. Run eps ${cmd} --help.`);
    return EXIT.usage;
  }
  const given = Object.keys(values).filter((o) => o !== 'help');
  const foreign = given.filter((o) => !(OPTIONS_OF[cmd] ?? []).includes(o));
  if (OPTIONS_OF[cmd] && foreign.length) {
    console.error(`eps ${cmd} does not take ${foreign.map((o) => `--${o}`).join(', ')}. Run eps ${cmd} --help.`);
    return EXIT.usage;
  }
  const num = (v: string | undefined, d: number, name: string) => {
    if (v === undefined) return d;
    const n = Number(v);
    if (!Number.isInteger(n) || n < 0) throw Object.assign(new Error(`--${name} must be a whole number, got "${v}". Run eps ${cmd} --help.`), { exitCode: EXIT.usage });
    return n;
  };
  switch (cmd) {
    case 'demo': {
      const opts = { employees: num(values.employees, 300, 'employees'), years: num(values.years, 1, 'years'), seed: num(values.seed, 42, 'seed') };
      if (sub === 'seed') {
        const { seedDemo } = await import('./seed.js');
        return seedDemo(opts);
      }
      const { demo } = await import('./demo.js');
      return demo(opts);
    }
    case 'install': {
      const env = await openEnvironment({ standin: true });
      try {
        const s = await openServices(env.config, { migrate: true });
        try {
          const r = await install(s.erp, env.config, (l) => console.error(`  ${l}`));
          console.log(`Installed version ${r.version} (${r.files} objects; previously ${r.previousVersion ?? 'not installed'}).`);
        } finally { await s.close(); }
      } finally { await env.close(); }
      return EXIT.ok;
    }
    case 'sync': {
      const scope = values.scope ?? 'hr';
      if (scope === 'binary') { console.error('The binary-data sync (photos, printouts) is not part of this version of eps: only --scope hr.'); return EXIT.usage; }
      if (scope !== 'hr') { console.error(`--scope must be hr (binary data is not part of this version), got "${scope}".`); return EXIT.usage; }
      const env = await openEnvironment({ standin: true });
      try {
        const s = await openServices(env.config, { worker: values['with-worker'] ?? env.config.embedded, migrate: env.config.embedded });
        try {
          const { onDemandSync } = await import('./service.js');
          const { stoppableBySignals } = await import('./signals.js');
          const out = terminalOutput();
          const r = await stoppableBySignals((signal) => onDemandSync(s, { full: values.full, progress: out.progress, echo: out.echo, signal }), out.echo);
          console.log(`${r.kind === 'full' ? 'Full' : 'Differential'} sync done: ${r.rowsToCloud} rows to the cloud, ${r.rowsRejected} rejected. Log: ${r.logFile}`);
        } finally { await s.close(); }
      } finally { await env.close(); }
      return EXIT.ok;
    }
    case 'run': {
      const env = await openEnvironment({ standin: true });
      try {
        const s = await openServices(env.config, { worker: values['with-worker'] ?? env.config.embedded, migrate: env.config.embedded });
        const { runServiceCommand } = await import('./service.js');
        try { return await runServiceCommand(s); } finally { await s.close(); }
      } finally { await env.close(); }
    }
    case 'schedule': {
      const env = await openEnvironment({ standin: true });
      try {
        const s = await openServices(env.config, { migrate: env.config.embedded });
        try {
          if (values.full) {
            const { FULL_REQUEST_DESCRIPTION } = await import('./service.js');
            const { FIRMA } = await import('../erp/procedures.js');
            await s.erp.call('EPS_SetSetting', { Numer: FIRMA.fullRequested, Opis: FULL_REQUEST_DESCRIPTION, Wartosc: '1' });
            console.log('The next scheduled HR sync will be a full one; after it the schedule is differential again.');
          }
          const st = await status(s);
          console.log([...formatSchedules(st), `(times in ${st.timeZone})`].join('\n'));
        } finally { await s.close(); }
      } finally { await env.close(); }
      return EXIT.ok;
    }
    case 'status': {
      const env = await openEnvironment({ standin: true });
      try {
        const s = await openServices(env.config, { migrate: env.config.embedded });
        try { console.log(formatStatus(await status(s))); } finally { await s.close(); }
      } finally { await env.close(); }
      return EXIT.ok;
    }
    case 'mail': {
      const env = await openEnvironment({ standin: true });
      try {
        const s = await openServices(env.config, { migrate: env.config.embedded });
        try {
          const mail = await import('../mailer/index.js');
          if (sub === 'status' || sub === undefined) console.log(mail.formatMailStatus(await mail.mailStatus(s)));
          else if (sub === 'send') {
            const { pull, drain } = await mail.pullAndSend(s);
            console.log(`${pull.pulled} notifications into the outbox; sent ${drain.sent}, failed ${drain.failed}, retrying later ${drain.retrying + drain.skipped}.`);
          } else if (sub === 'account') {
            const id = Number(positionals[2]);
            if (!positionals[2] || !Number.isInteger(id) || id <= 0 || id > 2_147_483_647) {
              console.error(`eps mail account needs the account's MKE_MKEID (a whole number from CDN.MailKontaEMail)${positionals[2] ? `, got "${positionals[2]}"` : ''}.`);
              return EXIT.usage;
            }
            console.log(`Notifications are sent through ${await mail.chooseAccount(s, id)}.`);
          }
          else { console.error(HELP.mail); return EXIT.usage; }
        } finally { await s.close(); }
      } finally { await env.close(); }
      return EXIT.ok;
    }
    case 'worker': {
      const env = await openEnvironment({ tenantNeeded: false }); // a worker applies every tenant's batches
      await (await import('../cloud/migrate.js')).migrateCloud(env.config.cloudUrl).catch((e) => { throw connectionError(e, 'cloud', env.config.cloudUrl); });
      const w = await (await import('../cloud/worker.js')).startWorker(env.config.cloudUrl, { concurrency: num(values.concurrency, 2, 'concurrency'), log: (l) => console.error(l) });
      console.error('worker running; Ctrl+C to stop');
      await new Promise<void>((resolve) => { process.once('SIGINT', resolve); process.once('SIGTERM', resolve); });
      await w.stop();
      await env.close();
      return EXIT.ok;
    }
    default:
      console.error(`Unknown command "${cmd}".\n\n${HELP['']}`);
      return EXIT.usage;
  }
}

// process.exit: the command ends with its code even if a driver keeps a socket or timer open.
main(process.argv.slice(2)).then((code) => process.exit(code), (e) => {
  if (e instanceof EpsError) console.error(`error ${e.toString()}`);
  else if (typeof (e as { exitCode?: unknown }).exitCode === 'number') console.error(`error: ${(e as Error).message}`);
  else if (String((e as { code?: string }).code).startsWith('ERR_PARSE_ARGS')) { console.error(`${(e as Error).message}\nRun eps --help.`); process.exit(EXIT.usage); }
  else console.error(`error: ${(e as Error)?.stack ?? e}`);
  process.exit(process.exitCode ?? exitCodeFor(e));
});
