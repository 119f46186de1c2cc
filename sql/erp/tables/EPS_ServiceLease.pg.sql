-- database: config
-- Leases that keep a job to one process anywhere: the service ('service:<database>', one
-- `eps run` per firm database) and the sync lock ('sync:<database>', a scheduled and an
-- on-demand sync never run at once). A holder renews its lease; an expired lease may be taken.
CREATE TABLE IF NOT EXISTS CDN.EPS_ServiceLease (
  LEA_Purpose varchar(300) NOT NULL,
  LEA_Station varchar(254) NOT NULL,
  LEA_Since timestamp(3) NOT NULL,
  LEA_Renewed timestamp(3) NOT NULL,
  LEA_Expires timestamp(3) NOT NULL,
  CONSTRAINT EPS_LEA_Primary PRIMARY KEY (LEA_Purpose)
);
