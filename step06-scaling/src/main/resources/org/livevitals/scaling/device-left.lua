-- A patient's device has disconnected from this node: the cluster's note that the device is here goes,
-- unless it already names another node (the device reconnected there first). Read and delete in one step,
-- so that another node's note written in between is never deleted.
--
-- KEYS[1] the note of which node has the patient's device   ARGV[1] this node
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
