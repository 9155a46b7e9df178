import { defineShard } from './shard';

defineShard(3, 4);
