// The SMTP account the service sends through: CDN.Firma 9105 (company database) names its
// MKE_MKEID in the configuration database's CDN.MailKontaEMail. The password stays inside the
// transport options and the redactor; it is never part of a message, a log line or an error.
import type SMTPPool from 'nodemailer/lib/smtp-pool/index.js';
import type { ErpAdapter } from '../erp/adapter.js';
import { FIRMA } from '../erp/procedures.js';
import { EpsError } from '../errors.js';

export interface MailAccount {
  id: number;
  /** MKE_Nazwa, the name a user sees in Optima's list of e-mail accounts. */
  name: string;
  server: string;
  port: number;
  user: string;
  from: { name: string; address: string };
  /** How the account is named in messages: "Kadry – Demo Firma" (CDN.MailKontaEMail 1, user kadry@…). */
  label: string;
  transportOptions(concurrency: number): SMTPPool.Options;
  /** Removes the password (plain and as it travels in AUTH PLAIN/LOGIN) from a text. */
  redact(text: string): string;
}

export async function chosenAccountId(erp: ErpAdapter): Promise<number | null> {
  const row = (await erp.call('EPS_Settings', {})).find((r) => r.Numer === FIRMA.mailAccount);
  const id = row ? Number(row.Wartosc.trim()) : NaN;
  return Number.isInteger(id) && id > 0 ? id : null;
}

export async function loadAccount(erp: ErpAdapter): Promise<MailAccount> {
  const id = await chosenAccountId(erp);
  if (id === null) {
    throw new EpsError('EPS21', `No e-mail account is chosen for e-Pracownik notifications (CDN.Firma ${FIRMA.mailAccount} is not set).`,
      'Choose one of the accounts in CDN.MailKontaEMail with `eps mail account <MKE_MKEID>`; notifications wait in the cloud until then.');
  }
  const [a] = await erp.call('EPS_MailAccount', { AccountId: id });
  if (!a) {
    throw new EpsError('EPS21', `The e-mail account ${id} chosen for e-Pracownik notifications (CDN.Firma ${FIRMA.mailAccount}) does not exist in CDN.MailKontaEMail.`,
      'Choose an existing account with `eps mail account <MKE_MKEID>`.');
  }
  const label = `"${a.Name}" (CDN.MailKontaEMail ${a.MkeId}, user ${a.UserName || '(none)'} at ${a.Server}:${a.Port})`;
  if (a.Inactive) {
    throw new EpsError('EPS21', `The e-mail account ${label} chosen for e-Pracownik notifications is inactive in Optima.`,
      'Activate it in Comarch ERP Optima (Konta e-mail) or choose another one with `eps mail account <MKE_MKEID>`.');
  }
  const password = a.Password;
  const secrets = password ? [password, Buffer.from(password).toString('base64'), Buffer.from(`\0${a.UserName}\0${password}`).toString('base64')] : [];
  return {
    id: a.MkeId,
    name: a.Name,
    server: a.Server,
    port: a.Port,
    user: a.UserName,
    from: { name: a.FromName || a.Name, address: a.FromAddress },
    label,
    transportOptions: (concurrency) => ({
      host: a.Server,
      port: a.Port,
      // MKE_SMTPSSL: port 465 means TLS from the first byte; any other port with SSL on means STARTTLS is required.
      secure: a.Ssl === 1 && a.Port === 465,
      requireTLS: a.Ssl === 1 && a.Port !== 465,
      auth: a.Authenticate ? { user: a.UserName, pass: password } : undefined,
      pool: true,
      maxConnections: concurrency,
      maxMessages: Infinity,
      connectionTimeout: 15_000,
      greetingTimeout: 15_000,
      socketTimeout: 60_000,
      logger: false,
      debug: false,
    }),
    redact: (text) => secrets.reduce((t, s) => t.split(s).join('***'), text),
  };
}
