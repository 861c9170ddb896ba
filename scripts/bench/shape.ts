/** The shape of the benchmark data set, shared by the generator and the benchmark runner. */
export const BENCH = {
  resellers: 50,
  customers: 20_000,
  domains: 100_000,
  mailboxes: 1_000_000,
  /** The first domain not owned by customer 1 (who owns domains 1–1000). */
  bigDomainId: 1001,
  bigDomainMailboxes: 200_000,
  bigCustomerId: 1,
} as const;

const FIRST = [
  "anna",
  "ben",
  "clara",
  "david",
  "emma",
  "felix",
  "greta",
  "hannes",
  "ida",
  "jonas",
  "karla",
  "lukas",
  "mia",
  "noah",
  "olga",
  "paul",
  "quirin",
  "rosa",
  "simon",
  "tara",
  "uwe",
  "vera",
  "willi",
  "xenia",
  "yusuf",
  "zoe",
];
const LAST = [
  "mueller",
  "schmidt",
  "schneider",
  "fischer",
  "weber",
  "meyer",
  "wagner",
  "becker",
  "schulz",
  "hoffmann",
  "koch",
  "richter",
  "klein",
  "wolf",
  "neumann",
  "schwarz",
  "zimmermann",
  "braun",
  "krueger",
  "hartmann",
];
const CITIES = ["Berlin", "Hamburg", "München", "Köln", "Leipzig", "Dresden", "Bremen", "Kiel", "Rostock", "Bonn"];

export function benchNames() {
  return {
    local: (i: number) => `${FIRST[i % 26]}.${LAST[Math.floor(i / 26) % 20]}${Math.floor(i / 520)}`,
    domain: (d: number) => `${LAST[d % 20]}-${FIRST[Math.floor(d / 20) % 26]}-${d}.example`,
    company: (c: number) => `${LAST[c % 20][0].toUpperCase()}${LAST[c % 20].slice(1)} ${["GmbH", "KG", "AG", "e.K."][c % 4]} ${c}`,
    person: (c: number) => `${FIRST[c % 26]} ${LAST[(c * 7) % 20]}`,
    city: (c: number) => CITIES[c % CITIES.length],
  };
}
