/**
 * The shape of one real Beijing venue in the seed directory (files venues-<district>.ts beside this one).
 * Facts (name, district, address, approximate coordinates, type) are public; every description is our own.
 * Term ids refer to the default taxonomy in ../taxonomy-seed.ts; the seeder refuses unknown ids.
 */
export interface VenueSeed {
  /** Official public name, e.g. 中国科学技术馆. */
  name: string;
  /** GB/T 2260 district code, e.g. '110105' for 朝阳区. */
  districtId: string;
  /** Street address as the public knows it, e.g. 朝阳区北辰东路5号. */
  address: string;
  /** Approximate WGS-84 coordinates (4 decimals is plenty). */
  lat: number;
  lng: number;
  /** Taxonomy term ids: one or more `domain:*`, one `type:*`, zero or more `theme:*` and `access:*`. */
  terms: string[];
  price: 'free' | 'paid';
  /** Ages the venue's programme suits, in years (3–18). */
  ageMin: number;
  ageMax: number;
  /** Words parents might type that the name does not contain (e.g. 恐龙 for a natural history museum). */
  keywords: string[];
  /** 60–140 Chinese characters, written by us: what a child does there and why it helps. */
  description: string;
  /** Public phone if well known, else omitted. */
  phone?: string;
  /** The bookable family/school programme at this venue, as a weekly schedule. */
  programme: {
    /** e.g. 亲子科学探究课, 周末自然观察 */
    name: string;
    /** 30–80 Chinese characters, our own words. */
    description: string;
    /** iCalendar weekly days: MO TU WE TH FR SA SU. */
    days: ('MO' | 'TU' | 'WE' | 'TH' | 'FR' | 'SA' | 'SU')[];
    /** Start times of the sessions on those days, 'HH:MM' 24h. */
    times: string[];
    durationMinutes: number;
    /** Seats per session. */
    capacity: number;
  };
}
