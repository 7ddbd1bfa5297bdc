import { DEFAULT_OFFICE_HOURS } from '@motcua/calendar';
import { isOfficeHours, officeHoursProblem } from '../../src/agencies/office-hours';

describe('agency office hours', () => {
  it('accepts the usual hours and a single continuous shift', () => {
    expect(officeHoursProblem(DEFAULT_OFFICE_HOURS)).toBeUndefined();
    expect(isOfficeHours([['07:00', '17:00']])).toBe(true);
    expect(isOfficeHours([['00:00', '23:59']])).toBe(true);
  });

  it.each([
    ['not a list', 'every day'],
    ['an empty list', []],
    ['too many intervals', Array.from({ length: 7 }, (_, i) => [`0${i}:00`, `0${i}:30`])],
    ['a bare string interval', ['07:30-11:30']],
    ['a three-element interval', [['07:30', '11:30', '13:00']]],
    ['a 12-hour time', [['7:30', '11:30']]],
    ['an impossible time', [['07:30', '24:00']]],
    ['minutes past 59', [['07:60', '11:30']]],
    ['an interval ending before it starts', [['11:30', '07:30']]],
    ['an empty interval', [['07:30', '07:30']]],
    [
      'overlapping intervals',
      [
        ['07:30', '11:30'],
        ['11:00', '17:00'],
      ],
    ],
    [
      'intervals out of order',
      [
        ['13:00', '17:00'],
        ['07:30', '11:30'],
      ],
    ],
  ])('refuses %s', (_label, value) => {
    expect(officeHoursProblem(value)).toEqual(expect.any(String));
  });

  it('allows one interval to start where the previous one ends', () => {
    expect(
      isOfficeHours([
        ['07:30', '11:30'],
        ['11:30', '12:00'],
      ]),
    ).toBe(true);
  });
});
