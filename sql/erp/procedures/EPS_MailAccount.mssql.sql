-- database: config
-- The SMTP settings of the e-mail account the service sends through (CDN.Firma 9105 holds its
-- MKE_MKEID). Password is MKE_Haslo as stored: the caller must never log it.
CREATE OR ALTER PROCEDURE CDN.EPS_MailAccount
  @AccountId int
AS
BEGIN
  SET NOCOUNT ON;
  SELECT MKE_MKEID AS MkeId, MKE_Nazwa AS Name, MKE_SMTP AS Server, MKE_SMTPPort AS Port, CAST(MKE_SMTPSSL AS int) AS Ssl,
         CAST(MKE_SMTPUwierzytelnianie AS int) AS Authenticate, MKE_Uzytkownik AS UserName, MKE_Haslo AS Password,
         MKE_EMail AS FromAddress, MKE_OpisOd AS FromName, CAST(MKE_Nieaktywne AS int) AS Inactive
  FROM CDN.MailKontaEMail
  WHERE MKE_MKEID = @AccountId;
END
