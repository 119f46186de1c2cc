-- database: company
-- The tables the HR sync copies (filled by the installer from src/catalogue/tables.ts).
-- Dynamic SQL in our procedures takes table and key names only from here, never from input.
CREATE TABLE IF NOT EXISTS CDN.EPS_TrackedTable (
  TRT_Id smallint NOT NULL,
  TRT_Name varchar(64) NOT NULL,
  TRT_KeyColumn varchar(64) NOT NULL,
  TRT_Order smallint NOT NULL,
  CONSTRAINT EPS_TRT_Primary PRIMARY KEY (TRT_Id),
  CONSTRAINT EPS_TRT_Name UNIQUE (TRT_Name)
);
