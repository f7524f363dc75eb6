-- take-permits: take up to ARGV[1] permits from a GCRA limiter (a token bucket kept as one number).
-- KEYS[1] the theoretical arrival time in µs (string)
-- ARGV[1] want (whole, >= 1); ARGV[2] permits a second (> 0); ARGV[3] burst (whole, >= 1)
-- Returns {granted, retry after ms}: retry after is 0 when all were granted, else the wait for the
-- next permit (>= 1).
--
-- Invariant: the same step as core's takeFromBucket (permit-bucket.ts), by the Redis server's clock,
-- so the permits granted over any span t add up to at most burst + rate * t across every process.
-- The key expires when the bucket is full again, so an idle limiter costs nothing.
-- Uses int from preamble.lua.
local now = redis.call('TIME')
local nowUs = tonumber(now[1]) * 1000000 + tonumber(now[2])
local want = tonumber(ARGV[1])
local interval = 1000000 / tonumber(ARGV[2])
local capacity = tonumber(ARGV[3]) * interval
local tat = 0
if redis.call('TYPE', KEYS[1]).ok == 'string' then
  -- A corrupt value (not a whole number) reads as a full bucket, so it cannot wedge the fleet.
  tat = int(redis.call('GET', KEYS[1])) or 0
end
-- The TAT never moves back, except a value an hour past any TAT a rate could write: corrupt, it
-- reads as a full bucket (CORRUPT_AHEAD_US in permit-bucket.ts).
if tat > nowUs + capacity + 3600000000 then
  tat = 0
end
local base = math.max(tat, nowUs)
-- From the small difference, not from epoch µs (a double's step there is 0.25 µs), as takeFromBucket.
local available = math.max(0, math.floor((capacity - (base - nowUs)) / interval + 1e-6))
local granted = math.min(want, available)
local nextTat = math.ceil(base + granted * interval)
if granted > 0 then
  redis.call('SET', KEYS[1], string.format('%d', nextTat), 'PX',
    math.max(1, math.ceil((nextTat - nowUs) / 1000)))
end
local retry = 0
if granted < want then
  retry = math.max(1, math.ceil((nextTat + interval - capacity - nowUs) / 1000))
end
return {granted, retry}
