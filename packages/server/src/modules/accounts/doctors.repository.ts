import { and, eq, ilike, isNull, sql, type SQL } from 'drizzle-orm';
import type { ClinicSlot } from '@keqing/shared';
import type { Db } from '../../db/client.ts';
import {
  departments,
  doctorProductStatus,
  doctorProfiles,
  doctors,
  hospitals,
  products,
} from '../../db/schema.ts';
import { countAll, likePattern, orderBy, toIso } from '../../db/list.ts';
import { preparedPerDb } from '../../db/prepared.ts';
import { indexedNameSearch, pageOf, paged, type Page, type Sort } from './accounts.repository.ts';

const doctorColumns = {
  id: doctors.id,
  code: doctors.code,
  name: doctors.name,
  gender: doctors.gender,
  hospitalId: doctors.hospitalId,
  hospitalCode: hospitals.code,
  hospitalName: hospitals.name,
  city: hospitals.city,
  departmentId: doctors.departmentId,
  departmentName: departments.name,
  title: doctors.title,
  position: doctors.position,
  clinicSchedule: doctors.clinicSchedule,
  bestVisitTime: doctors.bestVisitTime,
  phone: doctors.phone,
  preferredChannel: doctors.preferredChannel,
  personalityType: doctors.personalityType,
  relationshipStage: doctors.relationshipStage,
  version: doctors.version,
  createdAt: doctors.createdAt,
  updatedAt: doctors.updatedAt,
};

const statusColumns = {
  productId: doctorProductStatus.productId,
  prescriptionStatus: doctorProductStatus.prescriptionStatus,
  prescriptionPotential: doctorProductStatus.prescriptionPotential,
  grade: doctorProductStatus.grade,
  visitsPerCycle: doctorProductStatus.visitsPerCycle,
  adoptionStep: doctorProductStatus.adoptionStep,
  assessedOn: doctorProductStatus.assessedOn,
};

/** A status row of the left join: all null when the doctor has no score for the product. */
type StatusColumns = {
  productId: string | null;
  prescriptionStatus: number | null;
  prescriptionPotential: number | null;
  grade: string | null;
  visitsPerCycle: number | null;
  adoptionStep: number | null;
  assessedOn: string | null;
};

/**
 * The PIPL columns, selected only for an admin's audited export. The key comes first: Drizzle nulls a
 * left-joined nested object whose first column is null.
 */
const profileColumns = {
  doctorId: doctorProfiles.doctorId,
  birthday: doctorProfiles.birthday,
  birthdayIsLunar: doctorProfiles.birthdayIsLunar,
  mobile: doctorProfiles.mobile,
  wechat: doctorProfiles.wechat,
  family: doctorProfiles.family,
  hobbies: doctorProfiles.hobbies,
  preferences: doctorProfiles.preferences,
  familyEvents: doctorProfiles.familyEvents,
};
export type PersonalColumns = {
  doctorId: string | null;
  birthday: string | null;
  birthdayIsLunar: boolean | null;
  mobile: string | null;
  wechat: string | null;
  family: string | null;
  hobbies: string | null;
  preferences: string | null;
  familyEvents: string | null;
};

type DoctorRow = {
  createdAt: string;
  updatedAt: string;
  clinicSchedule: unknown;
  preferredChannel: string | null;
  personalityType: string | null;
  gender: string | null;
};
const toDoctor = <T extends DoctorRow>(r: T) => ({
  ...r,
  clinicSchedule: (r.clinicSchedule ?? []) as ClinicSlot[],
  preferredChannel: r.preferredChannel as 'visit' | 'phone' | 'wechat' | 'email' | null,
  personalityType: r.personalityType as never,
  gender: r.gender as '男' | '女' | null,
  createdAt: toIso(r.createdAt),
  updatedAt: toIso(r.updatedAt),
});

export type DoctorFilter = {
  q?: string;
  hospitalId?: string;
  departmentId?: string;
  departmentName?: string;
  title?: string;
  position?: string;
  gender?: string;
  city?: string;
  personalityType?: string;
  relationshipStage?: number;
  productId?: string;
  grade?: string;
  scope?: SQL;
};

/** Merged doctors (duplicates folded into another) are gone for every reader. */
const liveDoctor = isNull(doctors.mergedInto);

/**
 * Doctors with hospital and department names; with `productId`, each row carries the doctor's
 * latest status for that product (grade, potential, visits per cycle), and `grade` filters on it.
 */
export async function findDoctors(
  db: Db,
  f: DoctorFilter,
  sort: Sort,
  page?: Page,
  options: { withPersonal?: boolean } = {},
) {
  const productId = f.productId;
  const w = and(
    liveDoctor,
    isNull(hospitals.mergedInto),
    indexedNameSearch(f.q, doctors.name, doctors.nameInitials),
    f.hospitalId ? eq(doctors.hospitalId, f.hospitalId) : undefined,
    f.departmentId ? eq(doctors.departmentId, f.departmentId) : undefined,
    f.departmentName ? eq(departments.name, f.departmentName) : undefined,
    f.title ? eq(doctors.title, f.title) : undefined,
    f.position ? ilike(doctors.position, likePattern(f.position)) : undefined,
    f.gender ? eq(doctors.gender, f.gender as '男') : undefined,
    f.city ? eq(hospitals.city, f.city) : undefined,
    f.personalityType ? eq(doctors.personalityType, f.personalityType) : undefined,
    f.relationshipStage ? eq(doctors.relationshipStage, f.relationshipStage) : undefined,
    productId && f.grade ? eq(doctorProductStatus.grade, f.grade) : undefined,
    f.scope,
  );
  // The product's status joins on the product id. Without a product there is no status to show, sort or filter
  // on (the service refuses those), so the join is left out: one table fewer for the planner on every search.
  const statusJoin = productId
    ? and(eq(doctorProductStatus.doctorId, doctors.id), eq(doctorProductStatus.productId, productId))
    : undefined;
  const sortable = {
    // With a search the matches come from the gram indexes and are sorted: the cost follows their number, as the
    // count's does. By the bare column the planner may instead walk the name index hoping to meet 20 matches
    // early, whose cost follows where the matches lie in name order (up to 1.5 s over 400,000 doctors when they
    // lie late). The expression sorts the same and rules that plan out.
    name: f.q ? sql`${doctors.name} || ''` : doctors.name,
    hospitalName: hospitals.name,
    departmentName: departments.name,
    title: doctors.title,
    relationshipStage: doctors.relationshipStage,
    createdAt: doctors.createdAt,
    updatedAt: doctors.updatedAt,
    ...(statusJoin
      ? {
          grade: doctorProductStatus.grade,
          prescriptionStatus: doctorProductStatus.prescriptionStatus,
          prescriptionPotential: doctorProductStatus.prescriptionPotential,
          visitsPerCycle: doctorProductStatus.visitsPerCycle,
        }
      : {}),
  };
  const result = await paged(
    (p) => {
      const base = db
        .select({
          ...doctorColumns,
          notes: doctors.notes,
          ...(statusJoin ? { status: statusColumns } : {}),
          ...(options.withPersonal ? { personal: profileColumns } : {}),
        })
        .from(doctors)
        .innerJoin(hospitals, eq(hospitals.id, doctors.hospitalId))
        .leftJoin(departments, eq(departments.id, doctors.departmentId))
        .$dynamic();
      const withStatus = statusJoin ? base.leftJoin(doctorProductStatus, statusJoin) : base;
      const joined = options.withPersonal
        ? withStatus.leftJoin(doctorProfiles, eq(doctorProfiles.doctorId, doctors.id))
        : withStatus;
      return pageOf(joined.where(w).orderBy(...orderBy(sort.sort, sortable, 'name', doctors.id)), p);
    },
    () => {
      // only the joins a filter reads: the count's rows are the doctors themselves
      const base = db
        .select({ n: countAll })
        .from(doctors)
        .innerJoin(hospitals, eq(hospitals.id, doctors.hospitalId))
        .$dynamic();
      const withDepartment = f.departmentName
        ? base.leftJoin(departments, eq(departments.id, doctors.departmentId))
        : base;
      const joined =
        statusJoin && f.grade ? withDepartment.leftJoin(doctorProductStatus, statusJoin) : withDepartment;
      return joined.where(w);
    },
    page,
  );
  return {
    rows: result.rows.map((row) => {
      const { status, personal, ...r } = row as typeof row & {
        status?: StatusColumns;
        personal?: PersonalColumns;
      };
      return {
        ...toDoctor(r),
        status: status && status.productId ? status : null,
        personal,
      };
    }),
    total: result.total,
  };
}

export async function getDoctor(db: Db, id: string, scope?: SQL) {
  const [row] = await db
    .select({ ...doctorColumns, notes: doctors.notes })
    .from(doctors)
    .innerJoin(hospitals, eq(hospitals.id, doctors.hospitalId))
    .leftJoin(departments, eq(departments.id, doctors.departmentId))
    .where(and(eq(doctors.id, id), liveDoctor, isNull(hospitals.mergedInto), scope));
  return row && toDoctor(row);
}

/** The hospital of a live doctor, whatever the caller's scope (for auditing refused reads). */
export async function getDoctorHospitalId(db: Db, id: string) {
  const [row] = await db
    .select({ hospitalId: doctors.hospitalId })
    .from(doctors)
    .where(and(eq(doctors.id, id), liveDoctor));
  return row?.hospitalId;
}

const productStatusesOfDoctor = preparedPerDb((db) =>
  db
    .select({ ...statusColumns, productName: products.name })
    .from(doctorProductStatus)
    .innerJoin(products, eq(products.id, doctorProductStatus.productId))
    .where(eq(doctorProductStatus.doctorId, sql.placeholder('doctorId')))
    .orderBy(products.name)
    .prepare('doctor_product_statuses'),
);

/** Latest status per product, with the product's name (prepared: the doctor page reads it every time). */
export async function findDoctorProductStatuses(db: Db, doctorId: string) {
  return productStatusesOfDoctor(db).execute({ doctorId });
}

export async function getProductName(db: Db, productId: string) {
  const [row] = await db.select({ name: products.name }).from(products).where(eq(products.id, productId));
  return row?.name;
}

const hospitalBrief = preparedPerDb((db) =>
  db
    .select({
      id: hospitals.id,
      name: hospitals.name,
      city: hospitals.city,
      level: hospitals.level,
      grade: hospitals.grade,
    })
    .from(hospitals)
    .where(eq(hospitals.id, sql.placeholder('id')))
    .prepare('hospital_brief'),
);

/** The doctor page's hospital line (prepared: the page is opened all day). */
export async function getHospitalBrief(db: Db, id: string) {
  const [row] = await hospitalBrief(db).execute({ id });
  return row;
}

export async function insertDoctor(db: Db, values: typeof doctors.$inferInsert) {
  const [row] = await db.insert(doctors).values(values).returning({ id: doctors.id });
  return row!.id;
}

export async function deleteDoctor(db: Db, id: string) {
  await db.delete(doctors).where(eq(doctors.id, id));
}

// ── Personal profile (PIPL) ──────────────────────────────────────────────────

export async function getProfile(db: Db, doctorId: string) {
  const [row] = await db.select().from(doctorProfiles).where(eq(doctorProfiles.doctorId, doctorId));
  return row && { ...row, updatedAt: toIso(row.updatedAt) };
}

export type ProfileValues = Omit<
  typeof doctorProfiles.$inferInsert,
  'doctorId' | 'version' | 'createdAt' | 'updatedAt'
>;

export async function insertProfile(db: Db, doctorId: string, values: ProfileValues) {
  await db.insert(doctorProfiles).values({ ...values, doctorId });
}

/** Optimistic update of a profile; false when the version is stale. */
export async function updateProfile(db: Db, doctorId: string, version: number, values: ProfileValues) {
  const updated = await db
    .update(doctorProfiles)
    .set({ ...values, version: sql`${doctorProfiles.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(doctorProfiles.doctorId, doctorId), eq(doctorProfiles.version, version)))
    .returning({ doctorId: doctorProfiles.doctorId });
  return updated.length === 1;
}

export async function deleteProfile(db: Db, doctorId: string) {
  await db.delete(doctorProfiles).where(eq(doctorProfiles.doctorId, doctorId));
}

export { doctors, doctorProfiles };
