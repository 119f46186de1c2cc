// The tracked tables: which Optima tables the HR sync copies, in which order, and how each
// ERP column maps to a cloud column. This file is the one place the mapping is decided;
// docs/type-mapping.md explains it for humans, and the generators in scripts/ turn it into
// triggers and the cloud migration.
import optima from './optima-schema.generated.json' with { type: 'json' };

export type OptimaType = string; // as in SCHEMA.md: int, varchar(20), datetime, decimal(15,2) ...
export interface OptimaColumn { name: string; type: OptimaType; nullable: boolean; default: string | null; computed: boolean }
export interface OptimaTable {
  name: string; database: 'company' | 'config'; key: string; primaryName: string;
  columns: OptimaColumn[];
  indexes: { name: string; unique: boolean; columns: string[] }[];
  foreignKeys: { name: string; column: string; references: string }[];
}

export const optimaTables = optima as unknown as Record<string, OptimaTable>;

/** How an ERP `datetime` column is read: Optima stores every date, hour and duration in it. */
export type DatetimeMeaning = 'date' | 'timestamp' | 'time' | 'duration';

export type CloudType = 'integer' | 'smallint' | 'bigint' | 'text' | 'numeric' | 'date' | 'timestamp' | 'time' | 'interval' | 'uuid' | 'boolean';

export interface TrackedColumn {
  /** Optima's column name, e.g. PNB_OkresOd */
  erpName: string;
  /** the cloud column: Optima's name in lower case, e.g. pnb_okresod */
  cloudName: string;
  erpType: OptimaType;
  cloudType: CloudType;
  /** the PostgreSQL type as declared in the cloud (e.g. varchar(20), numeric(15,2)) */
  cloudDecl: string;
  meaning?: DatetimeMeaning;
  nullable: boolean;
}

export interface TrackedTable {
  /** Optima's table name without schema, e.g. PracNieobec */
  name: string;
  /** small stable number used in the ERP change log instead of the name */
  id: number;
  key: string;
  cloudTable: string;
  cloudKey: string;
  columns: TrackedColumn[];
}

/** Parents before children: upserts run in this order, deletes in reverse. Ids never change. */
const ORDER: [string, number][] = [
  ['DaneKadMod', 1], ['DefinicjeStref', 2], ['DefProjekty', 3], ['LimitNieobec', 4], ['TypNieobec', 5],
  ['Kalendarze', 6], ['KalendDni', 7], ['KalendDniGodz', 8], ['Dzialy', 9], ['Centra', 10],
  ['PracKod', 11], ['Pracidx', 12], ['PracEtaty', 13], ['CentraKierownicy', 14], ['PracLimit', 15],
  ['PracNieobec', 16], ['PracPlanDni', 17], ['PracPlanDniGodz', 18], ['PracPracaDni', 19],
  ['PracPracaDniGodz', 20], ['PracZestaw', 21], ['PracZestawElem', 22], ['Umowy', 23], ['DlgNag', 24],
  ['Uprawnienia', 25],
];

/** Columns that never leave the firm: secrets. */
const EXCLUDED = new Set(['PRA_HasloDoWydrukow']);

export function datetimeMeaning(column: string): DatetimeMeaning {
  if (/_TS_/.test(column) || /^DLN_(Bufor|PolecenieWyjazdu|Wydatki|Zatwierdzenie)Data$/.test(column)) return 'timestamp';
  if (/(Od|Do)Godziny$/.test(column) || /^KAL_Noc(Od|Do)$/.test(column)) return 'time';
  if (column === 'PNB_Godz' || /Czas/.test(column) || /Nadgodziny/.test(column) || /Norma(Dobowa|Tygodniowa)$/.test(column)
    || column === 'KAL_NocLimit' || column === 'PRE_LimitNadgodzin') return 'duration';
  return 'date';
}

function mapColumn(c: OptimaColumn): TrackedColumn {
  const m = /^(\w+)(?:\((\w+)(?:,(\d+))?\))?$/.exec(c.type);
  if (!m) throw new Error(`unknown Optima type ${c.type} of ${c.name}`);
  const [, base, a, b] = m;
  const base2 = { erpName: c.name, cloudName: c.name.toLowerCase(), erpType: c.type, nullable: c.nullable };
  switch (base) {
    case 'int': return { ...base2, cloudType: 'integer', cloudDecl: 'integer' };
    case 'tinyint': case 'smallint': return { ...base2, cloudType: 'smallint', cloudDecl: 'smallint' };
    case 'bigint': return { ...base2, cloudType: 'bigint', cloudDecl: 'bigint' };
    case 'bit': return { ...base2, cloudType: 'boolean', cloudDecl: 'boolean' };
    case 'decimal': return { ...base2, cloudType: 'numeric', cloudDecl: `numeric(${a},${b})` };
    case 'uniqueidentifier': return { ...base2, cloudType: 'uuid', cloudDecl: 'uuid' };
    case 'varchar': case 'nvarchar': return { ...base2, cloudType: 'text', cloudDecl: a === 'max' ? 'text' : `varchar(${a})` };
    case 'datetime': {
      const meaning = datetimeMeaning(c.name);
      const cloudType = ({ date: 'date', timestamp: 'timestamp', time: 'time', duration: 'interval' } as const)[meaning];
      const cloudDecl = cloudType === 'timestamp' ? 'timestamp(3)' : cloudType === 'time' ? 'time(3)' : cloudType;
      // Sentinels become NULL, so every mapped datetime column may be NULL in the cloud.
      return { ...base2, cloudType, cloudDecl, meaning, nullable: true };
    }
    default: throw new Error(`Optima type ${c.type} of ${c.name} has no cloud mapping`);
  }
}

export const trackedTables: TrackedTable[] = ORDER.map(([name, id]) => {
  const t = optimaTables[name];
  if (!t) throw new Error(`CDN.${name} is not in the Optima schema catalogue`);
  return {
    name, id, key: t.key, cloudTable: name.toLowerCase(), cloudKey: t.key.toLowerCase(),
    columns: t.columns.filter((c) => !EXCLUDED.has(c.name)).map(mapColumn),
  };
});

export const trackedByName = new Map(trackedTables.map((t) => [t.name, t]));
export const trackedById = new Map(trackedTables.map((t) => [t.id, t]));

export function tracked(name: string): TrackedTable {
  const t = trackedByName.get(name);
  if (!t) throw new Error(`${name} is not a tracked table`);
  return t;
}
