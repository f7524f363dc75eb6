-- acquire-lease: take the lease if no live lease exists.
-- KEYS[1] lease hash {h = holder, f = fence}; KEYS[2] fence high-water mark (string, outlives the lease)
-- ARGV[1] holder; ARGV[2] ttl ms; ARGV[3] high-water mark ttl ms; ARGV[4] change channel
-- Returns the fence, or nil when a live lease exists (whoever holds it: leases are not re-entrant).
--
-- Invariant: fences strictly increase per key, max(mark + 1, server time in ms), so a holder that
-- stalled past its ttl always carries a lower fence than the current holder.
-- Uses int and nextNumber from preamble.lua.
if redis.call('TYPE', KEYS[1]).ok == 'hash' then
  local fields = redis.call('HMGET', KEYS[1], 'h', 'f')
  if fields[1] and int(fields[2]) then
    return nil
  end
end

local fence = nextNumber(KEYS[2], 0)

-- DEL first: the key may hold a corrupt value of another type (it then counts as no live lease).
redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[1], 'h', ARGV[1], 'f', string.format('%d', fence))
redis.call('PEXPIRE', KEYS[1], ARGV[2])
redis.call('SET', KEYS[2], string.format('%d', fence), 'PX', ARGV[3])
redis.call('PUBLISH', ARGV[4], string.format('%d', fence))
return fence
