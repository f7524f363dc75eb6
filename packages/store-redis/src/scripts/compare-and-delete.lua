-- compare-and-delete: delete the record only if its tag matches.
-- KEYS[1] record hash {v, t, g}; ARGV[1] tag; ARGV[2] change channel
-- Returns 1 when it deleted, else 0. The generation high-water mark is kept, so the next write
-- still gets a higher generation.
if redis.call('TYPE', KEYS[1]).ok ~= 'hash' then
  return 0
end
if redis.call('HGET', KEYS[1], 't') ~= ARGV[1] then
  return 0
end
redis.call('DEL', KEYS[1])
redis.call('PUBLISH', ARGV[2], '0')
return 1
