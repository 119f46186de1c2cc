-- database: config
-- Puts one notification into Optima's outbox (CDN.MailWiadomosci) of a firm's database, through
-- the chosen account, and starts its delivery record (CDN.EPS_MailAttempt). Idempotent: the
-- notification's message id is MWD_IDWiadomosci and MAT_MessageId, and the same id twice inserts
-- once (Inserted = 0 the second time). MWD_Status 1 = "to send" (the outbox); the mailer sets
-- 2 = sent, and 0 = back to drafts when delivery failed for good (docs/mail.md; Optima's own
-- status values are not confirmed). Numbers: MWD_NumerString 'EPS/@numer', MWD_NumerNr the next
-- free number, under a lock so two runners never collide on the unique (NumerString, NumerNr).
CREATE OR REPLACE FUNCTION CDN.EPS_EnqueueMail(DatabaseName varchar(254), AccountId integer, MessageId varchar(36), Kind varchar(40),
  ToAddress varchar(254), ToName varchar(254), Subject varchar(500), BodyText text, BodyHtml text)
RETURNS TABLE (MwdId integer, Inserted integer)
LANGUAGE plpgsql AS $$
DECLARE
  v_msg uuid := MessageId::uuid;
  v_id integer;
  v_guid uuid;
  v_ope integer;
  v_from varchar(200);
  v_nr integer;
  v_now timestamp(3) := localtimestamp(3);
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('CDN.EPS_EnqueueMail'));
  SELECT MAT_MWDID INTO v_id FROM CDN.EPS_MailAttempt WHERE MAT_MessageId = v_msg;
  IF FOUND THEN
    RETURN QUERY SELECT v_id, 0;
    RETURN;
  END IF;
  SELECT Baz_GUID INTO v_guid FROM CDN.Bazy WHERE Baz_Nazwa = DatabaseName OR Baz_NazwaBazy = DatabaseName
  ORDER BY Baz_Nieaktywna, Baz_BazID LIMIT 1;
  IF NOT FOUND THEN
    RAISE EXCEPTION USING ERRCODE = 'EPS22',
      MESSAGE = format('The firm database %s is not listed in CDN.Bazy of the configuration database, so its mail cannot be queued.', DatabaseName),
      HINT = 'Check erp.configUrl, or add the database in Comarch ERP Optima (Lista baz danych).';
  END IF;
  SELECT MKE_OpeID, left(CASE WHEN MKE_OpisOd = '' THEN MKE_EMail ELSE '"' || replace(MKE_OpisOd, '"', '') || '" <' || MKE_EMail || '>' END, 200)
  INTO v_ope, v_from FROM CDN.MailKontaEMail WHERE MKE_MKEID = AccountId;
  IF NOT FOUND THEN
    RAISE EXCEPTION USING ERRCODE = 'EPS21',
      MESSAGE = format('The e-mail account %s chosen for e-Pracownik (CDN.Firma 9105) does not exist in CDN.MailKontaEMail.', AccountId),
      HINT = 'Choose an existing account with eps mail account <MKE_MKEID>.';
  END IF;
  SELECT coalesce(max(MWD_NumerNr), 0) + 1 INTO v_nr FROM CDN.MailWiadomosci WHERE MWD_NumerString = 'EPS/@numer';
  INSERT INTO CDN.MailWiadomosci (MWD_Adresaci, MWD_Archiwum, MWD_BazaGUID, MWD_DataDok, MWD_DDfID, MWD_DoWiadomosci, MWD_Format,
    MWD_IDWiadomosci, MWD_ImapTylkoNaglowek, MWD_MKEID, MWD_NumerNr, MWD_NumerString, MWD_Od, MWD_OpeID, MWD_Potwierdzenie,
    MWD_SourceMessageID, MWD_Status, MWD_Temat, MWD_Tresc, MWD_TrescHTML, MWD_TypWiadomosci, MWD_UkrytyDW, MWD_Watek, MWD_Windykacja)
  VALUES (CASE WHEN coalesce(ToName, '') = '' THEN ToAddress ELSE '"' || replace(ToName, '"', '') || '" <' || ToAddress || '>' END,
    0, v_guid, v_now, 0, '', 1, v_msg, 0, AccountId, v_nr, 'EPS/@numer', v_from, v_ope, 0,
    '<' || v_msg::text || '@eps>', 1, left(Subject, 500), BodyText, BodyHtml, 0, '', '', 0)
  RETURNING MWD_MWDID INTO v_id;
  INSERT INTO CDN.EPS_MailAttempt (MAT_MWDID, MAT_MessageId, MAT_Kind, MAT_State, MAT_Attempts, MAT_Queued, MAT_NextAttempt)
  VALUES (v_id, v_msg, Kind, 'queued', 0, v_now, v_now);
  RETURN QUERY SELECT v_id, 1;
END
$$;
