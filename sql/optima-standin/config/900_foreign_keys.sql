-- Foreign keys between stand-in tables; links to Optima tables outside the sync's scope are left out.
ALTER TABLE CDN.Sync ADD CONSTRAINT FK_SyncOperatorApfino FOREIGN KEY (Snc_ApfinoOpeID) REFERENCES CDN.Operatorzy;
ALTER TABLE CDN.Sync ADD CONSTRAINT FK_SyncOperatorDetal FOREIGN KEY (Snc_DetalOpeID) REFERENCES CDN.Operatorzy;
ALTER TABLE CDN.Sync ADD CONSTRAINT FK_SyncOperatorESklep FOREIGN KEY (Snc_ESklepOpeID) REFERENCES CDN.Operatorzy;
ALTER TABLE CDN.Sync ADD CONSTRAINT FK_SyncOperatorXL FOREIGN KEY (Snc_XLOpeID) REFERENCES CDN.Operatorzy;
ALTER TABLE CDN.Sync ADD CONSTRAINT FK_SyncBaza FOREIGN KEY (Snc_BazID) REFERENCES CDN.Bazy;
ALTER TABLE CDN.MailWiadomosci ADD CONSTRAINT FK_Mwd_KontaEMail FOREIGN KEY (MWD_MKEID) REFERENCES CDN.MailKontaEMail;
