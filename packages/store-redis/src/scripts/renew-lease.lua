-- renew-lease: extend the lease only if it is still the live lease with this holder and fence.
-- KEYS[1] lease hash {h, f}; KEYS[2] fence high-water mark (string, outlives the lease)
-- ARGV[1] holder; ARGV[2] fence; ARGV[3] ttl ms; ARGV[4] high-water mark ttl ms
-- Returns 1 when it renewed, else 0 (expired, released, taken over by a newer fence, or never held).
--
-- Invariant: the fence does not change, and the mark stays at least the live fence for as long as
-- the lease can live, so a lease renewed for longer than the mark's own ttl still hands the next
-- holder a higher fence. Publishes nothing: the lease's fence did not change.
-- Uses int from preamble.lua.
if redis.call('TYPE', KEYS[1]).ok ~= 'hash' then
  return 0
end
local fields = redis.call('HMGET', KEYS[1], 'h', 'f')
local fence = int(fields[2])
if fields[1] ~= ARGV[1] or fence ~= tonumber(ARGV[2]) then
  return 0
end
redis.call('PEXPIRE', KEYS[1], ARGV[3])
local mark = 0
if redis.call('TYPE', KEYS[2]).ok == 'string' then
  mark = int(redis.call('GET', KEYS[2])) or 0
end
redis.call('SET', KEYS[2], string.format('%d', math.max(mark, fence)), 'PX', ARGV[4])
return 1
