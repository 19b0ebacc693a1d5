/* Realistic words from faker, drawn once per seed into small pools; customers then
 * pick from the pools with the seeded rng (fast enough for 50,000 customers). */
import { Faker, base, en } from '@faker-js/faker';

export interface NamePools {
  companies: string[];
  cities: string[];
  streets: string[];
  people: { first: string; last: string }[];
  industries: string[];
  postcodes: string[];
  countries: string[];
}

export function makeNamePools(seed: number): NamePools {
  const faker = new Faker({ locale: [en, base] });
  faker.seed(seed);
  const times = <T>(n: number, make: () => T): T[] => Array.from({ length: n }, make);
  return {
    companies: times(800, () => faker.company.name()),
    cities: times(150, () => faker.location.city()),
    streets: times(300, () => faker.location.streetAddress()),
    people: times(300, () => ({ first: faker.person.firstName(), last: faker.person.lastName() })),
    industries: times(40, () => faker.commerce.department()),
    postcodes: times(200, () => faker.location.zipCode()),
    countries: ['US', 'GB', 'CA', 'AU', 'DE', 'IE', 'NZ'],
  };
}
