import * as assert from 'node:assert/strict';
import { formatInstant, zoneOffsetAt, type TimeZoneInfo } from '../../../src/core/etl';

const rule = (month: number, day: number, hour: number): TimeZoneInfo['standardDate'] => ({ year: 0, month, dayOfWeek: 0, day, hour, minute: 0, second: 0 });

const pacific: TimeZoneInfo = { bias: 480, standardName: '', standardBias: 0, standardDate: rule(11, 1, 2), daylightName: '', daylightBias: -60, daylightDate: rule(3, 2, 2) };
// Southern hemisphere (Sydney): daylight time from the first Sunday of October to the first Sunday of April.
const sydney: TimeZoneInfo = { bias: -600, standardName: '', standardBias: 0, standardDate: rule(4, 1, 3), daylightName: '', daylightBias: -60, daylightDate: rule(10, 1, 2) };

describe('ETL times', () => {
  it('applies daylight saving time rules of the header time zone at the transitions', () => {
    // 2025: DST from 9 March 10:00 UTC to 2 November 09:00 UTC in the Pacific zone.
    assert.equal(zoneOffsetAt(pacific, Date.UTC(2025, 2, 9, 9, 59, 59)).bias, 480);
    assert.equal(zoneOffsetAt(pacific, Date.UTC(2025, 2, 9, 10, 0, 0)).bias, 420);
    assert.equal(zoneOffsetAt(pacific, Date.UTC(2025, 10, 2, 8, 59, 59)).bias, 420);
    assert.equal(zoneOffsetAt(pacific, Date.UTC(2025, 10, 2, 9, 0, 0)).bias, 480);
    assert.equal(zoneOffsetAt(sydney, Date.UTC(2025, 0, 15)).bias, -660);
    assert.equal(zoneOffsetAt(sydney, Date.UTC(2025, 6, 15)).bias, -600);
    // Last Sunday form (day 5).
    const eu: TimeZoneInfo = { bias: -60, standardName: '', standardBias: 0, standardDate: rule(10, 5, 3), daylightName: '', daylightBias: -60, daylightDate: rule(3, 5, 2) };
    assert.equal(zoneOffsetAt(eu, Date.UTC(2025, 2, 30, 0, 59)).bias, -60);
    assert.equal(zoneOffsetAt(eu, Date.UTC(2025, 2, 30, 1, 0)).bias, -120);
  });

  it('prints seven fraction digits and shifts by the bias', () => {
    assert.equal(formatInstant({ ms: Date.UTC(2025, 3, 26, 12, 20, 44, 390), sub: 7897 }, 0), '2025/04/26 12:20:44.3907897');
    assert.equal(formatInstant({ ms: Date.UTC(2025, 0, 1, 3, 0, 0, 0), sub: 1 }, 480), '2024/12/31 19:00:00.0000001');
  });
});
