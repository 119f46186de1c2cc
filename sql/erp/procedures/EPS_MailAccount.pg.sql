-- database: config
-- The SMTP settings of the e-mail account the service sends through (CDN.Firma 9105 holds its
-- MKE_MKEID). Password is MKE_Haslo as stored: the caller must never log it.
CREATE OR REPLACE FUNCTION CDN.EPS_MailAccount(AccountId integer)
RETURNS TABLE (MkeId integer, Name varchar(50), Server varchar(100), Port integer, Ssl integer, Authenticate integer,
               UserName varchar(100), Password text, FromAddress varchar(50), FromName varchar(50), Inactive integer)
LANGUAGE sql STABLE AS $$
  SELECT MKE_MKEID, MKE_Nazwa, MKE_SMTP, MKE_SMTPPort, MKE_SMTPSSL::integer, MKE_SMTPUwierzytelnianie::integer,
         MKE_Uzytkownik, MKE_Haslo, MKE_EMail, MKE_OpisOd, MKE_Nieaktywne::integer
  FROM CDN.MailKontaEMail
  WHERE MKE_MKEID = AccountId
$$;
