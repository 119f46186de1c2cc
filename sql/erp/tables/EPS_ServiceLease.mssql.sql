-- database: config
-- Leases that keep a job to one process anywhere: the service ('service:<database>', one
-- `eps run` per firm database) and the sync lock ('sync:<database>', a scheduled and an
-- on-demand sync never run at once). A holder renews its lease; an expired lease may be taken.
IF OBJECT_ID(N'CDN.EPS_ServiceLease', N'U') IS NULL
CREATE TABLE CDN.EPS_ServiceLease (
  LEA_Purpose varchar(300) NOT NULL,
  LEA_Station nvarchar(254) NOT NULL,
  LEA_Since datetime NOT NULL,
  LEA_Renewed datetime NOT NULL,
  LEA_Expires datetime NOT NULL,
  CONSTRAINT EPS_LEA_Primary PRIMARY KEY CLUSTERED (LEA_Purpose)
);
