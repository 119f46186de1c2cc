// Cloud notifications -> the ERP outbox. Each notification goes into CDN.MailWiadomosci through
// CDN.EPS_EnqueueMail (its own committed transaction), and only then is it marked pulled in the
// cloud. A crash in between leaves it unpulled; the next pull enqueues it again, which the
// message id makes a no-op. So a crash never doubles a message and never loses one.
import { z } from 'zod';
import type postgres from 'postgres';
import type { ErpAdapter } from '../erp/adapter.js';

const NotificationRow = z.object({
  id: z.union([z.string(), z.number()]).transform((v) => String(v)),
  message_id: z.string(),
  kind: z.string(),
  recipient_address: z.string(),
  recipient_name: z.string(),
  subject: z.string(),
  body_text: z.string(),
  body_html: z.string(),
});

export interface PullResult { pulled: number; alreadyQueued: number }

export async function pullNotifications(
  deps: { erp: ErpAdapter; cloud: postgres.Sql; tenantId: number; station: string },
  accountId: number,
  opts: { pageSize?: number } = {},
): Promise<PullResult> {
  const { erp, cloud, tenantId } = deps;
  const pageSize = opts.pageSize ?? 200;
  const result: PullResult = { pulled: 0, alreadyQueued: 0 };
  for (;;) {
    const raw = await cloud`
      SELECT id, message_id::text AS message_id, kind, recipient_address, recipient_name, subject, body_text, body_html
      FROM eps.notifications
      WHERE tenant_id = ${tenantId} AND pulled_at IS NULL
      ORDER BY id
      LIMIT ${pageSize}`;
    if (raw.length === 0) return result;
    const rows = raw.map((r) => NotificationRow.parse(r));
    for (const n of rows) {
      const [r] = await erp.call('EPS_EnqueueMail', {
        DatabaseName: erp.companyDatabase, AccountId: accountId, MessageId: n.message_id, Kind: n.kind,
        ToAddress: n.recipient_address, ToName: n.recipient_name, Subject: n.subject, BodyText: n.body_text, BodyHtml: n.body_html,
      });
      if (r?.Inserted) result.pulled++;
      else result.alreadyQueued++;
    }
    await cloud`
      UPDATE eps.notifications SET pulled_at = now(), pulled_by = ${deps.station}
      WHERE tenant_id = ${tenantId} AND id = ANY(${rows.map((n) => n.id)}::bigint[]) AND pulled_at IS NULL`;
    if (rows.length < pageSize) return result;
  }
}
