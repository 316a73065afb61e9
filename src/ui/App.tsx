export function App() {
  return (
    <main className="app">
      <h1>Swark Studio</h1>
    </main>
  );
}
