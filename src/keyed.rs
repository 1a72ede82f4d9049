//! Small sorted collections keyed by id: the handful of entries one answer holds.
//!
//! They behave like `BTreeMap<String, V>` and `BTreeSet<String>` (sorted, one entry per key)
//! but are a sorted `Vec` underneath. Every `BTreeMap` instance costs several
//! kilobytes of WebAssembly; these cost a few hundred bytes, and for a dozen keys they are
//! as fast.

/// A map from string keys to values, sorted by key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keyed<V>(Vec<(String, V)>);

impl<V> Default for Keyed<V> {
    fn default() -> Self {
        Keyed(Vec::new())
    }
}

impl<V> Keyed<V> {
    /// An empty map.
    pub fn new() -> Self {
        Keyed(Vec::new())
    }

    fn find(&self, key: &str) -> Result<usize, usize> {
        self.0.binary_search_by(|(k, _)| k.as_str().cmp(key))
    }

    /// The value under `key`.
    pub fn get(&self, key: &str) -> Option<&V> {
        self.find(key).ok().map(|i| &self.0[i].1)
    }

    /// The value under `key`, to change it.
    pub fn get_mut(&mut self, key: &str) -> Option<&mut V> {
        self.find(key).ok().map(|i| &mut self.0[i].1)
    }

    /// The value under `key`, first inserting `default` if there is none.
    pub fn get_or_insert(&mut self, key: &str, default: V) -> &mut V {
        let i = match self.find(key) {
            Ok(i) => i,
            Err(i) => {
                self.0.insert(i, (key.to_string(), default));
                i
            }
        };
        &mut self.0[i].1
    }

    /// Whether there is a value under `key`.
    pub fn contains_key(&self, key: &str) -> bool {
        self.find(key).is_ok()
    }

    /// Sets the value under `key`; returns the value it replaces.
    pub fn insert(&mut self, key: String, value: V) -> Option<V> {
        match self.find(&key) {
            Ok(i) => Some(std::mem::replace(&mut self.0[i].1, value)),
            Err(i) => {
                self.0.insert(i, (key, value));
                None
            }
        }
    }

    /// Takes the value under `key` out.
    pub fn remove(&mut self, key: &str) -> Option<V> {
        self.find(key).ok().map(|i| self.0.remove(i).1)
    }

    /// The entries in key order.
    pub fn iter(&self) -> impl Iterator<Item = (&String, &V)> {
        self.0.iter().map(|(k, v)| (k, v))
    }

    /// The keys in order.
    pub fn keys(&self) -> impl Iterator<Item = &String> {
        self.0.iter().map(|(k, _)| k)
    }

    /// The values in key order.
    pub fn values(&self) -> impl Iterator<Item = &V> {
        self.0.iter().map(|(_, v)| v)
    }

    /// How many entries.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Removes every entry.
    pub fn clear(&mut self) {
        self.0.clear();
    }
}

/// The positions of `keys` in key order, equal keys in their original order.
///
/// A plain bottom-up merge sort: stable and O(n log n) like `sort_by`, but not generic and a
/// fraction of the standard library's sorts in the page's WebAssembly.
pub fn sorted_order(keys: &[&str]) -> Vec<usize> {
    let n = keys.len();
    let mut order: Vec<usize> = (0..n).collect();
    let mut merged = order.clone();
    let mut width = 1;
    while width < n {
        for start in (0..n).step_by(2 * width) {
            let mid = (start + width).min(n);
            let end = (start + 2 * width).min(n);
            let (mut left, mut right) = (start, mid);
            for slot in &mut merged[start..end] {
                // Ties take the left run first: that keeps equal keys in their order.
                let take_left = right >= end || (left < mid && keys[order[left]] <= keys[order[right]]);
                if take_left {
                    *slot = order[left];
                    left += 1;
                } else {
                    *slot = order[right];
                    right += 1;
                }
            }
        }
        std::mem::swap(&mut order, &mut merged);
        width *= 2;
    }
    order
}

impl<V> FromIterator<(String, V)> for Keyed<V> {
    /// A repeated key keeps its last value. Sorts once, so that a huge input stays fast.
    fn from_iter<I: IntoIterator<Item = (String, V)>>(iter: I) -> Self {
        let mut slots: Vec<Option<(String, V)>> = iter.into_iter().map(Some).collect();
        let keys: Vec<&str> = slots.iter().flatten().map(|(k, _)| k.as_str()).collect();
        let order = sorted_order(&keys);
        let mut map: Vec<(String, V)> = Vec::with_capacity(order.len());
        for i in order {
            let Some((k, v)) = slots[i].take() else { continue };
            match map.last_mut() {
                Some(last) if last.0 == k => last.1 = v,
                _ => map.push((k, v)),
            }
        }
        Keyed(map)
    }
}

/// `map["id"]`, like `BTreeMap`: panics when there is no such key.
impl<V> std::ops::Index<&str> for Keyed<V> {
    type Output = V;

    fn index(&self, key: &str) -> &V {
        self.get(key).expect("no entry for the key")
    }
}

impl<V, const N: usize> From<[(String, V); N]> for Keyed<V> {
    fn from(entries: [(String, V); N]) -> Self {
        entries.into_iter().collect()
    }
}

impl<'a, V> IntoIterator for &'a Keyed<V> {
    type Item = (&'a String, &'a V);
    type IntoIter = std::iter::Map<std::slice::Iter<'a, (String, V)>, fn(&'a (String, V)) -> (&'a String, &'a V)>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter().map(|(k, v)| (k, v))
    }
}

impl<V> IntoIterator for Keyed<V> {
    type Item = (String, V);
    type IntoIter = std::vec::IntoIter<(String, V)>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

/// A set of names, sorted: what is ticked as present in a named list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Names(Vec<String>);

impl Names {
    /// An empty set.
    pub fn new() -> Self {
        Names(Vec::new())
    }

    fn find(&self, name: &str) -> Result<usize, usize> {
        self.0.binary_search_by(|n| n.as_str().cmp(name))
    }

    /// Whether `name` is in the set.
    pub fn contains(&self, name: &str) -> bool {
        self.find(name).is_ok()
    }

    /// Adds `name`; false if it was there already.
    pub fn insert(&mut self, name: String) -> bool {
        match self.find(&name) {
            Ok(_) => false,
            Err(i) => {
                self.0.insert(i, name);
                true
            }
        }
    }

    /// Takes `name` out; false if it was not there.
    pub fn remove(&mut self, name: &str) -> bool {
        self.find(name).map(|i| self.0.remove(i)).is_ok()
    }

    /// The names in order.
    pub fn iter(&self) -> std::slice::Iter<'_, String> {
        self.0.iter()
    }

    /// How many names.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl FromIterator<String> for Names {
    fn from_iter<I: IntoIterator<Item = String>>(iter: I) -> Self {
        let names: Vec<String> = iter.into_iter().collect();
        Names(Keyed::from_iter(names.into_iter().map(|n| (n, ()))).0.into_iter().map(|(n, ())| n).collect())
    }
}

impl<const N: usize> From<[String; N]> for Names {
    fn from(names: [String; N]) -> Self {
        names.into_iter().collect()
    }
}

impl<'a> IntoIterator for &'a Names {
    type Item = &'a String;
    type IntoIter = std::slice::Iter<'a, String>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keyed_keeps_keys_sorted_and_unique() {
        let mut map: Keyed<i64> = Keyed::new();
        assert_eq!(map.insert("b".into(), 2), None);
        assert_eq!(map.insert("a".into(), 1), None);
        assert_eq!(map.insert("b".into(), 3), Some(2));
        assert_eq!(map.keys().cloned().collect::<Vec<_>>(), ["a", "b"]);
        assert_eq!(map.get("b"), Some(&3));
        *map.get_or_insert("c", 0) += 5;
        assert_eq!(map.remove("a"), Some(1));
        assert_eq!(map.iter().collect::<Vec<_>>(), [(&"b".to_string(), &3), (&"c".to_string(), &5)]);
        let back: Keyed<i64> = [("c".to_string(), 5), ("b".to_string(), 1), ("b".to_string(), 3)].into();
        assert_eq!(back, map);
    }

    #[test]
    fn sorted_order_is_a_stable_sort() {
        assert_eq!(sorted_order(&[]), Vec::<usize>::new());
        assert_eq!(sorted_order(&["b", "a", "c", "a", "b"]), [1, 3, 0, 4, 2]);
        let keys: Vec<String> = (0..1000).map(|i| format!("{}", (i * 7919) % 101)).collect();
        let keys: Vec<&str> = keys.iter().map(String::as_str).collect();
        let mut want: Vec<usize> = (0..keys.len()).collect();
        want.sort_by(|&a, &b| keys[a].cmp(keys[b]));
        assert_eq!(sorted_order(&keys), want);
    }

    #[test]
    fn names_are_a_sorted_set() {
        let mut set: Names = ["窗口".to_string(), "标识".to_string()].into_iter().collect();
        assert!(!set.insert("窗口".into()));
        assert!(set.remove("标识"));
        assert!(!set.remove("标识"));
        let back: Names = ["窗口".to_string(), "窗口".to_string()].into();
        assert_eq!(back, set);
        assert_eq!(set.iter().collect::<Vec<_>>(), ["窗口"]);
    }
}
