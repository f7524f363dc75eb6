-- compare-and-set: write a record only if the live generation equals the expected one.
-- KEYS[1] record hash {v, t, g}; KEYS[2] generation high-water mark (string, outlives the record)
-- ARGV[1] expected generation (0: no live record); ARGV[2] value; ARGV[3] tag; ARGV[4] ttl ms;
-- ARGV[5] high-water mark ttl ms; ARGV[6] change channel
-- Returns the new generation, or nil when the generation had moved (nothing written).
--
-- Invariant: generations strictly increase per key, also across delete and expiry. The new generation
-- is max(live + 1, high-water mark + 1, server time in ms): the mark covers deletes and expiry, and the
-- clock covers a mark lost to eviction or a restart without persistence.
-- Uses int and nextNumber from preamble.lua.
local current = 0
if redis.call('TYPE', KEYS[1]).ok == 'hash' then
  local fields = redis.call('HMGET', KEYS[1], 'v', 't', 'g')
  local generation = int(fields[3])
  if fields[1] and fields[2] and generation and generation >= 1 then
    current = generation
  end
end
if current ~= tonumber(ARGV[1]) then
  return nil
end

local nextGeneration = nextNumber(KEYS[2], current)

-- DEL first: the key may hold a corrupt value of another type.
redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[1], 'v', ARGV[2], 't', ARGV[3], 'g', string.format('%d', nextGeneration))
redis.call('PEXPIRE', KEYS[1], ARGV[4])
redis.call('SET', KEYS[2], string.format('%d', nextGeneration), 'PX', ARGV[5])
redis.call('PUBLISH', ARGV[6], string.format('%d', nextGeneration))
return nextGeneration
