console.log('\n  Swark Studio is starting at  http://127.0.0.1:4173/\n');
